// The functions of libxlsxwriter that Casebook calls, under the library's
// own names and prototypes (from <xlsxwriter.h>, so the compiler checks each
// against the header), forwarding to the library once
// casebook_xlsxwriter_load has opened it with dlopen. Called before it has
// (which Swift's XLSXFile never does), each does nothing and returns its
// failure value. A function added on the Swift side must be added here too:
// the link fails until it is.

#include "CXlsxWriter.h"

#include <dlfcn.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static struct {
    lxw_error (*workbook_close)(lxw_workbook *workbook);
    void (*chart_axis_set_name)(lxw_chart_axis *axis, const char *name);
    lxw_error (*worksheet_write_string)(lxw_worksheet *worksheet, lxw_row_t row, lxw_col_t col, const char *string, lxw_format *format);
    lxw_error (*worksheet_write_number)(lxw_worksheet *worksheet, lxw_row_t row, lxw_col_t col, double number, lxw_format *format);
    lxw_error (*worksheet_write_comment_opt)(lxw_worksheet *worksheet, lxw_row_t row, lxw_col_t col, const char *string, lxw_comment_options *options);
    lxw_error (*worksheet_write_boolean)(lxw_worksheet *worksheet, lxw_row_t row, lxw_col_t col, int value, lxw_format *format);
    lxw_error (*worksheet_set_column)(lxw_worksheet *worksheet, lxw_col_t first_col, lxw_col_t last_col, double width, lxw_format *format);
    lxw_error (*worksheet_insert_chart_opt)(lxw_worksheet *worksheet, lxw_row_t row, lxw_col_t col, lxw_chart *chart, lxw_chart_options *user_options);
    void (*worksheet_freeze_panes)(lxw_worksheet *worksheet, lxw_row_t row, lxw_col_t col);
    lxw_error (*workbook_set_properties)(lxw_workbook *workbook, lxw_doc_properties *properties);
    lxw_workbook * (*workbook_new_opt)(const char *filename, lxw_workbook_options *options);
    lxw_worksheet * (*workbook_add_worksheet)(lxw_workbook *workbook, const char *sheetname);
    lxw_format * (*workbook_add_format)(lxw_workbook *workbook);
    lxw_chart * (*workbook_add_chart)(lxw_workbook *workbook, uint8_t chart_type);
    char * (*lxw_strerror)(lxw_error error_num);
    void (*format_set_text_wrap)(lxw_format *format);
    void (*format_set_num_format)(lxw_format *format, const char *num_format);
    void (*format_set_italic)(lxw_format *format);
    void (*format_set_bottom)(lxw_format *format, uint8_t style);
    void (*format_set_bold)(lxw_format *format);
    void (*format_set_align)(lxw_format *format, uint8_t alignment);
    void (*chart_title_set_name)(lxw_chart *chart, const char *name);
    void (*chart_series_set_values)(lxw_chart_series *series, const char *sheetname, lxw_row_t first_row, lxw_col_t first_col, lxw_row_t last_row, lxw_col_t last_col);
    void (*chart_series_set_name_range)(lxw_chart_series *series, const char *sheetname, lxw_row_t row, lxw_col_t col);
    void (*chart_series_set_line)(lxw_chart_series *series, lxw_chart_line *line);
    void (*chart_series_set_categories)(lxw_chart_series *series, const char *sheetname, lxw_row_t first_row, lxw_col_t first_col, lxw_row_t last_row, lxw_col_t last_col);
    void (*chart_legend_set_position)(lxw_chart *chart, uint8_t position);
    void (*chart_axis_set_reverse)(lxw_chart_axis *axis);
    lxw_chart_series * (*chart_add_series)(lxw_chart *chart, const char *categories, const char *values);
} real;

static const char *load_error = "the Excel library was not loaded";
static pthread_once_t once = PTHREAD_ONCE_INIT;
static const char *requested_path = NULL;
static char message[512];

static void load(void) {
    const char *names[] = {"libxlsxwriter.so.4", "libxlsxwriter.so", "libxlsxwriter.dylib", NULL};
    void *library = NULL;
    const char *tried = NULL;
    if (requested_path != NULL && requested_path[0] != '\0') {
        tried = requested_path;
        library = dlopen(requested_path, RTLD_NOW | RTLD_LOCAL);
    } else {
        for (int i = 0; names[i] != NULL && library == NULL; i++) {
            tried = names[i];
            library = dlopen(names[i], RTLD_NOW | RTLD_LOCAL);
        }
    }
    if (library == NULL) {
        const char *why = dlerror();
        snprintf(message, sizeof message, "libxlsxwriter could not be loaded (%s)", why ? why : tried);
        load_error = message;
        return;
    }
#define FIND(name)                                                                                   \
    do {                                                                                             \
        *(void **)(&real.name) = dlsym(library, #name);                                              \
        if (real.name == NULL) {                                                                     \
            snprintf(message, sizeof message, "libxlsxwriter has no function %s (too old a version?)", #name); \
            memset(&real, 0, sizeof real);                                                           \
            load_error = message;                                                                    \
            return;                                                                                  \
        }                                                                                            \
    } while (0)
    FIND(workbook_close);
    FIND(chart_axis_set_name);
    FIND(worksheet_write_string);
    FIND(worksheet_write_number);
    FIND(worksheet_write_comment_opt);
    FIND(worksheet_write_boolean);
    FIND(worksheet_set_column);
    FIND(worksheet_insert_chart_opt);
    FIND(worksheet_freeze_panes);
    FIND(workbook_set_properties);
    FIND(workbook_new_opt);
    FIND(workbook_add_worksheet);
    FIND(workbook_add_format);
    FIND(workbook_add_chart);
    FIND(lxw_strerror);
    FIND(format_set_text_wrap);
    FIND(format_set_num_format);
    FIND(format_set_italic);
    FIND(format_set_bottom);
    FIND(format_set_bold);
    FIND(format_set_align);
    FIND(chart_title_set_name);
    FIND(chart_series_set_values);
    FIND(chart_series_set_name_range);
    FIND(chart_series_set_line);
    FIND(chart_series_set_categories);
    FIND(chart_legend_set_position);
    FIND(chart_axis_set_reverse);
    FIND(chart_add_series);
#undef FIND
    load_error = NULL;
}

const char *casebook_xlsxwriter_load(const char *path) {
    requested_path = path;
    pthread_once(&once, load);
    return load_error;
}

lxw_error workbook_close(lxw_workbook *workbook) {
    if (!real.workbook_close) return LXW_ERROR_CREATING_XLSX_FILE;
    return real.workbook_close(workbook);
}

void chart_axis_set_name(lxw_chart_axis *axis, const char *name) {
    if (real.chart_axis_set_name) real.chart_axis_set_name(axis, name);
}

lxw_error worksheet_write_string(lxw_worksheet *worksheet, lxw_row_t row, lxw_col_t col, const char *string, lxw_format *format) {
    if (!real.worksheet_write_string) return LXW_ERROR_MEMORY_MALLOC_FAILED;
    return real.worksheet_write_string(worksheet, row, col, string, format);
}

lxw_error worksheet_write_number(lxw_worksheet *worksheet, lxw_row_t row, lxw_col_t col, double number, lxw_format *format) {
    if (!real.worksheet_write_number) return LXW_ERROR_MEMORY_MALLOC_FAILED;
    return real.worksheet_write_number(worksheet, row, col, number, format);
}

lxw_error worksheet_write_comment_opt(lxw_worksheet *worksheet, lxw_row_t row, lxw_col_t col, const char *string, lxw_comment_options *options) {
    if (!real.worksheet_write_comment_opt) return LXW_ERROR_MEMORY_MALLOC_FAILED;
    return real.worksheet_write_comment_opt(worksheet, row, col, string, options);
}

lxw_error worksheet_write_boolean(lxw_worksheet *worksheet, lxw_row_t row, lxw_col_t col, int value, lxw_format *format) {
    if (!real.worksheet_write_boolean) return LXW_ERROR_MEMORY_MALLOC_FAILED;
    return real.worksheet_write_boolean(worksheet, row, col, value, format);
}

lxw_error worksheet_set_column(lxw_worksheet *worksheet, lxw_col_t first_col, lxw_col_t last_col, double width, lxw_format *format) {
    if (!real.worksheet_set_column) return LXW_ERROR_MEMORY_MALLOC_FAILED;
    return real.worksheet_set_column(worksheet, first_col, last_col, width, format);
}

lxw_error worksheet_insert_chart_opt(lxw_worksheet *worksheet, lxw_row_t row, lxw_col_t col, lxw_chart *chart, lxw_chart_options *user_options) {
    if (!real.worksheet_insert_chart_opt) return LXW_ERROR_MEMORY_MALLOC_FAILED;
    return real.worksheet_insert_chart_opt(worksheet, row, col, chart, user_options);
}

void worksheet_freeze_panes(lxw_worksheet *worksheet, lxw_row_t row, lxw_col_t col) {
    if (real.worksheet_freeze_panes) real.worksheet_freeze_panes(worksheet, row, col);
}

lxw_error workbook_set_properties(lxw_workbook *workbook, lxw_doc_properties *properties) {
    if (!real.workbook_set_properties) return LXW_ERROR_MEMORY_MALLOC_FAILED;
    return real.workbook_set_properties(workbook, properties);
}

lxw_workbook *workbook_new_opt(const char *filename, lxw_workbook_options *options) {
    if (!real.workbook_new_opt) return NULL;
    return real.workbook_new_opt(filename, options);
}

lxw_worksheet *workbook_add_worksheet(lxw_workbook *workbook, const char *sheetname) {
    if (!real.workbook_add_worksheet) return NULL;
    return real.workbook_add_worksheet(workbook, sheetname);
}

lxw_format *workbook_add_format(lxw_workbook *workbook) {
    if (!real.workbook_add_format) return NULL;
    return real.workbook_add_format(workbook);
}

lxw_chart *workbook_add_chart(lxw_workbook *workbook, uint8_t chart_type) {
    if (!real.workbook_add_chart) return NULL;
    return real.workbook_add_chart(workbook, chart_type);
}

char *lxw_strerror(lxw_error error_num) {
    if (!real.lxw_strerror) return (char *)"the Excel library is not loaded";
    return real.lxw_strerror(error_num);
}

void format_set_text_wrap(lxw_format *format) {
    if (real.format_set_text_wrap) real.format_set_text_wrap(format);
}

void format_set_num_format(lxw_format *format, const char *num_format) {
    if (real.format_set_num_format) real.format_set_num_format(format, num_format);
}

void format_set_italic(lxw_format *format) {
    if (real.format_set_italic) real.format_set_italic(format);
}

void format_set_bottom(lxw_format *format, uint8_t style) {
    if (real.format_set_bottom) real.format_set_bottom(format, style);
}

void format_set_bold(lxw_format *format) {
    if (real.format_set_bold) real.format_set_bold(format);
}

void format_set_align(lxw_format *format, uint8_t alignment) {
    if (real.format_set_align) real.format_set_align(format, alignment);
}

void chart_title_set_name(lxw_chart *chart, const char *name) {
    if (real.chart_title_set_name) real.chart_title_set_name(chart, name);
}

void chart_series_set_values(lxw_chart_series *series, const char *sheetname, lxw_row_t first_row, lxw_col_t first_col, lxw_row_t last_row, lxw_col_t last_col) {
    if (real.chart_series_set_values) real.chart_series_set_values(series, sheetname, first_row, first_col, last_row, last_col);
}

void chart_series_set_name_range(lxw_chart_series *series, const char *sheetname, lxw_row_t row, lxw_col_t col) {
    if (real.chart_series_set_name_range) real.chart_series_set_name_range(series, sheetname, row, col);
}

void chart_series_set_line(lxw_chart_series *series, lxw_chart_line *line) {
    if (real.chart_series_set_line) real.chart_series_set_line(series, line);
}

void chart_series_set_categories(lxw_chart_series *series, const char *sheetname, lxw_row_t first_row, lxw_col_t first_col, lxw_row_t last_row, lxw_col_t last_col) {
    if (real.chart_series_set_categories) real.chart_series_set_categories(series, sheetname, first_row, first_col, last_row, last_col);
}

void chart_legend_set_position(lxw_chart *chart, uint8_t position) {
    if (real.chart_legend_set_position) real.chart_legend_set_position(chart, position);
}

void chart_axis_set_reverse(lxw_chart_axis *axis) {
    if (real.chart_axis_set_reverse) real.chart_axis_set_reverse(axis);
}

lxw_chart_series *chart_add_series(lxw_chart *chart, const char *categories, const char *values) {
    if (!real.chart_add_series) return NULL;
    return real.chart_add_series(chart, categories, values);
}
