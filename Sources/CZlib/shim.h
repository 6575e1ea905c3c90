// zlib's inflate, for reading gzip-compressed CSV files (Debian: zlib1g-dev).
#include <zlib.h>
