// Non-variadic wrappers around libedit for Swift, which cannot call the variadic
// el_set, el_get and history. Each function is one libedit call (or the few
// needed to open an editor on the C standard streams, which Swift 6 code may
// not name), except the signal handling, which must be C: the SIGINT handler
// and the key reader that never misses a Ctrl-C.
#ifndef CLIBEDIT_H
#define CLIBEDIT_H

#include <histedit.h>

typedef struct cb_editor cb_editor;

/// A completion function bound to Tab: gets the editor and the key, returns a
/// libedit code (CC_NORM, CC_REFRESH, CC_REDISPLAY, CC_ERROR).
typedef unsigned char (*cb_complete_fn)(EditLine *el, int ch);

/// Loads libedit (once): NULL when it and every function used were found,
/// else what went wrong. cb_editor_open loads it first; nothing else may be
/// called before it has succeeded.
const char *cb_libedit_load(void);

/// Opens an editor on stdin/stdout/stderr in emacs mode, with history, signal
/// handling, Ctrl-R incremental search, and the user's ~/.editrc read. Keys are
/// read by a function that returns at once after Ctrl-C (see below).
cb_editor *cb_editor_open(const char *program);
void cb_editor_close(cb_editor *editor);
EditLine *cb_editor_el(cb_editor *editor);

/// The prompt shown by the next read (copied).
void cb_editor_set_prompt(cb_editor *editor, const char *prompt);

/// One line, with its newline; NULL at end of input (count 0) or on an error or
/// interrupt (count -1, errno EINTR after Ctrl-C). The terminal is put in raw
/// mode before the prompt is drawn, so keys typed at once are the editor's.
const char *cb_editor_gets(cb_editor *editor, int *count);

/// Adds an entry to the in-memory history (Up/Down and Ctrl-R search it).
void cb_editor_history_add(cb_editor *editor, const char *line);
void cb_editor_history_set_size(cb_editor *editor, int size);

/// Binds Tab to `complete`; `context` is handed back through cb_editor_context.
void cb_editor_set_completer(cb_editor *editor, cb_complete_fn complete, void *context);
void *cb_editor_context(EditLine *el);

/// The current line and cursor, for completion.
const char *cb_line_buffer(EditLine *el, int *length, int *cursor);
int cb_insert(EditLine *el, const char *text);
void cb_delete_before_cursor(EditLine *el, int count);
/// Writes text to the editor's output and asks for the prompt to be redrawn.
void cb_print_below(EditLine *el, const char *text);

/// SIGINT sets a flag instead of ending the process, and interrupts a pending
/// read (no SA_RESTART), so Ctrl-C can clear the line or stop a query. While
/// a line is being read, a Ctrl-C pressed at any moment (even between two
/// reads, when no read is pending to interrupt) ends the read until the flag
/// is cleared. SIGWINCH is caught too, to redraw after a resize. SIGQUIT
/// (Ctrl-\) gets its default action back: quit at once.
void cb_install_interrupt_handler(void);
int cb_interrupted(void);
void cb_clear_interrupt(void);

/// Terminal columns of stdout, or 0 when it is not a terminal.
int cb_terminal_width(void);

/// Bracketed paste: while a line is read the terminal is asked to mark pasted
/// text (ESC [ 200 ~ … ESC [ 201 ~), and a paste is read whole instead of key by
/// key. Its first line joins the line being edited; when it holds a newline the
/// read ends there and the rest waits here for cb_editor_take_paste (a copy to
/// free, or NULL). Carriage returns in the paste are read as newlines.
char *cb_editor_take_paste(cb_editor *editor);

/// Text to appear in the next line read, as if typed (an unfinished last line of a paste).
void cb_editor_push(cb_editor *editor, const char *text);

/// Whether more input is already waiting on the terminal (text pasted by a
/// terminal without bracketed paste arrives all at once).
int cb_input_pending(cb_editor *editor);

/// Up, Down, Ctrl-P and Ctrl-N walk the history (on) or do nothing (off: at a
/// continuation prompt, where a recalled statement would be spliced into the
/// unfinished one).
void cb_editor_set_history_keys(cb_editor *editor, int on);

/// Puts the terminal back in its normal mode (used before leaving).
void cb_editor_reset(cb_editor *editor);

#endif
