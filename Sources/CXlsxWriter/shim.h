// libxlsxwriter, the maintained C library that writes Excel workbooks
// (Debian: libxlsxwriter-dev). Its API has no variadic functions, so Swift
// calls it directly and no wrapper functions are needed.
#include <xlsxwriter.h>
