/*
 * TEST-ONLY shim for running tinxa.exe under Wine 8 (.ci/wine-smoke.sh).
 * Never shipped: real Windows 10/11 has bcryptprimitives.dll.
 *
 * Rust's standard library gets its random numbers (HashMap keys, temporary
 * file names) from ProcessPrng in bcryptprimitives.dll. Wine 8.0 has no such
 * DLL, so tinxa.exe would not start. This DLL, placed beside the .exe,
 * provides ProcessPrng on top of RtlGenRandom (advapi32's SystemFunction036).
 *
 * Build: x86_64-w64-mingw32-gcc -shared -O2 -o bcryptprimitives.dll bcryptprimitives.c -ladvapi32
 */
#include <windows.h>
#include <ntsecapi.h>

__declspec(dllexport) BOOL WINAPI ProcessPrng(PBYTE data, SIZE_T len)
{
    /* RtlGenRandom takes a 32-bit length: fill large buffers in pieces. */
    while (len > 0) {
        ULONG n = len > 0x10000000 ? 0x10000000 : (ULONG)len;
        if (!RtlGenRandom(data, n))
            return FALSE;
        data += n;
        len -= n;
    }
    return TRUE;
}
