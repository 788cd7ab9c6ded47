/* main.c: options in, exit code out. */
#include <stdio.h>

int main(void)
{
        puts("plakat " PLAKAT_VERSION);
        return 0;
}
