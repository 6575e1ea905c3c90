// See include/CLibEdit.h: one thin wrapper per libedit operation Casebook uses.
#include "CLibEdit.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>
#include <wchar.h>
#include <dlfcn.h>
#include <pthread.h>

// libedit is opened when the first editor is, not when Casebook starts: only
// the interactive shell uses it, and linked it brought four libraries
// (libedit, libtinfo, libbsd, libmd; about 0.4 ms) into every script's
// start-up. The functions below are called through these pointers, under
// their own names (the macros), with the prototypes of <histedit.h>.
static struct {
    EditLine *(*el_init)(const char *, FILE *, FILE *, FILE *);
    void (*el_end)(EditLine *);
    void (*el_reset)(EditLine *);
    const char *(*el_gets)(EditLine *, int *);
    void (*el_push)(EditLine *, const char *);
    int (*el_set)(EditLine *, int, ...);
    int (*el_get)(EditLine *, int, ...);
    int (*el_source)(EditLine *, const char *);
    void (*el_resize)(EditLine *);
    const LineInfo *(*el_line)(EditLine *);
    int (*el_insertstr)(EditLine *, const char *);
    void (*el_deletestr)(EditLine *, int);
    History *(*history_init)(void);
    void (*history_end)(History *);
    int (*history)(History *, HistEvent *, int, ...);
} libedit;

static const char *libedit_error = "the line editor was not loaded";
static char libedit_message[512];
static pthread_once_t libedit_once = PTHREAD_ONCE_INIT;

static void libedit_load(void) {
    const char *names[] = {"libedit.so.2", "libedit.so", "libedit.3.dylib", "libedit.dylib", NULL};
    void *library = NULL;
    for (int i = 0; names[i] != NULL && library == NULL; i++) library = dlopen(names[i], RTLD_NOW | RTLD_LOCAL);
    if (library == NULL) {
        const char *why = dlerror();
        snprintf(libedit_message, sizeof libedit_message, "libedit could not be loaded (%s)", why ? why : "not found");
        libedit_error = libedit_message;
        return;
    }
#define FIND(name)                                                                                        \
    do {                                                                                                  \
        *(void **)(&libedit.name) = dlsym(library, #name);                                                \
        if (libedit.name == NULL) {                                                                       \
            snprintf(libedit_message, sizeof libedit_message, "libedit has no function %s", #name);       \
            libedit_error = libedit_message;                                                              \
            return;                                                                                       \
        }                                                                                                 \
    } while (0)
    FIND(el_init);
    FIND(el_end);
    FIND(el_reset);
    FIND(el_gets);
    FIND(el_push);
    FIND(el_set);
    FIND(el_get);
    FIND(el_source);
    FIND(el_resize);
    FIND(el_line);
    FIND(el_insertstr);
    FIND(el_deletestr);
    FIND(history_init);
    FIND(history_end);
    FIND(history);
#undef FIND
    libedit_error = NULL;
}

const char *cb_libedit_load(void) {
    pthread_once(&libedit_once, libedit_load);
    return libedit_error;
}

#define el_init(...) libedit.el_init(__VA_ARGS__)
#define el_end(...) libedit.el_end(__VA_ARGS__)
#define el_reset(...) libedit.el_reset(__VA_ARGS__)
#define el_gets(...) libedit.el_gets(__VA_ARGS__)
#define el_push(...) libedit.el_push(__VA_ARGS__)
#define el_set(...) libedit.el_set(__VA_ARGS__)
#define el_get(...) libedit.el_get(__VA_ARGS__)
#define el_source(...) libedit.el_source(__VA_ARGS__)
#define el_resize(...) libedit.el_resize(__VA_ARGS__)
#define el_line(...) libedit.el_line(__VA_ARGS__)
#define el_insertstr(...) libedit.el_insertstr(__VA_ARGS__)
#define el_deletestr(...) libedit.el_deletestr(__VA_ARGS__)
#define history_init(...) libedit.history_init(__VA_ARGS__)
#define history_end(...) libedit.history_end(__VA_ARGS__)
#define history(...) libedit.history(__VA_ARGS__)

struct cb_editor {
    EditLine *el;
    History *history;
    HistEvent event;
    char *prompt;
    void *context;
    /// The part of a bracketed paste after its first newline, until taken.
    char *paste_rest;
};

static int read_key(EditLine *el, wchar_t *key);
static unsigned char on_paste(EditLine *el, int ch);
static volatile sig_atomic_t interrupted;  // defined with the signal handling below

static char *prompt_of(EditLine *el) {
    cb_editor *editor = NULL;
    el_get(el, EL_CLIENTDATA, &editor);
    return editor && editor->prompt ? editor->prompt : "";
}

cb_editor *cb_editor_open(const char *program) {
    if (cb_libedit_load() != NULL) return NULL;
    cb_editor *editor = calloc(1, sizeof(cb_editor));
    if (!editor) return NULL;
    editor->el = el_init(program, stdin, stdout, stderr);
    if (!editor->el) {
        free(editor);
        return NULL;
    }
    editor->history = history_init();
    history(editor->history, &editor->event, H_SETSIZE, 5000);
    history(editor->history, &editor->event, H_SETUNIQUE, 1);
    el_set(editor->el, EL_CLIENTDATA, editor);
    el_set(editor->el, EL_EDITOR, "emacs");
    el_set(editor->el, EL_HIST, libedit.history, editor->history);
    el_set(editor->el, EL_PROMPT, prompt_of);
    el_set(editor->el, EL_SIGNAL, 1);
    el_set(editor->el, EL_GETCFN, read_key);
    el_set(editor->el, EL_BIND, "^R", "em-inc-search-prev", NULL);
    el_set(editor->el, EL_BIND, "^S", "em-inc-search-next", NULL);
    el_set(editor->el, EL_ADDFN, "casebook-paste", "Read pasted text whole", on_paste);
    el_set(editor->el, EL_BIND, "\033[200~", "casebook-paste", NULL);
    // The user's own bindings last, so they win.
    el_source(editor->el, NULL);
    return editor;
}

void cb_editor_close(cb_editor *editor) {
    if (!editor) return;
    el_end(editor->el);
    history_end(editor->history);
    free(editor->prompt);
    free(editor->paste_rest);
    free(editor);
}

EditLine *cb_editor_el(cb_editor *editor) { return editor->el; }

void cb_editor_set_prompt(cb_editor *editor, const char *prompt) {
    free(editor->prompt);
    editor->prompt = strdup(prompt);
}

const char *cb_editor_gets(cb_editor *editor, int *count) {
    // Raw mode before the prompt is drawn: el_gets draws it first and only then
    // leaves cooked mode, so a key typed as soon as the prompt shows was taken by
    // the line discipline (Ctrl-D became a NUL and the shell did not leave).
    el_set(editor->el, EL_PREP_TERM, 1);
    // Bracketed paste only while the editor reads: a program run afterwards,
    // or the shell after Casebook, gets a terminal as it was.
    int paste = isatty(STDIN_FILENO) && isatty(STDOUT_FILENO);
    if (paste) (void)!write(STDOUT_FILENO, "\033[?2004h", 8);
    const char *line = el_gets(editor->el, count);
    if (paste) (void)!write(STDOUT_FILENO, "\033[?2004l", 8);
    return line;
}

/// Bound to ESC [ 200 ~: reads the pasted bytes up to ESC [ 201 ~ straight
/// from the terminal, so a newline inside them does not run a half-pasted
/// statement. The first line goes into the line being edited; the rest is kept.
static unsigned char on_paste(EditLine *el, int ch) {
    (void)ch;
    cb_editor *editor = NULL;
    el_get(el, EL_CLIENTDATA, &editor);
    FILE *in = NULL;
    el_get(el, EL_GETFP, 0, &in);
    int fd = in ? fileno(in) : STDIN_FILENO;
    static const char end[] = "\033[201~";
    const size_t endLength = sizeof end - 1;
    size_t size = 4096, used = 0, matched = 0;
    char *text = malloc(size);
    if (!text) return CC_ERROR;
    for (;;) {
        if (interrupted) {
            free(text);
            return CC_ERROR;
        }
        char c;
        struct pollfd fds = {.fd = fd, .events = POLLIN};
        // A paste arrives at once; a terminal that never ends it gives up after 2 s.
        int ready = poll(&fds, 1, 2000);
        if (ready < 0 && errno == EINTR) continue;
        if (ready <= 0) break;
        ssize_t n = read(fd, &c, 1);
        if (n < 0 && (errno == EINTR || errno == EAGAIN)) continue;
        if (n <= 0) break;
        if (c == end[matched]) {
            if (++matched == endLength) break;
            continue;
        }
        // A partial end marker was text after all.
        for (size_t i = 0; i < matched + 1; i++) {
            char byte = i < matched ? end[i] : c;
            if (used + 1 >= size) {
                if (size > (64u << 20)) break;  // a paste of more than 64 MB is cut
                char *grown = realloc(text, size * 2);
                if (!grown) break;
                text = grown;
                size *= 2;
            }
            text[used++] = byte;
        }
        matched = 0;
    }
    text[used] = '\0';
    // Terminals send Enter in a paste as CR; CR LF is one newline.
    size_t out = 0;
    for (size_t i = 0; i < used; i++) {
        if (text[i] == '\r') {
            text[out++] = '\n';
            if (i + 1 < used && text[i + 1] == '\n') i++;
        } else {
            text[out++] = text[i];
        }
    }
    text[out] = '\0';
    char *newline = strchr(text, '\n');
    if (!newline) {
        el_insertstr(el, text);
        free(text);
        return CC_REFRESH;
    }
    *newline = '\0';
    if (newline != text) el_insertstr(el, text);
    // Show the line as it stands and end it, as Enter would (ed-newline draws
    // nothing for a function of ours).
    el_set(el, EL_REFRESH);
    FILE *screen = NULL;
    el_get(el, EL_GETFP, 1, &screen);
    if (!screen) screen = stdout;
    fputc('\n', screen);
    fflush(screen);
    if (editor) {
        free(editor->paste_rest);
        editor->paste_rest = strdup(newline + 1);
    }
    free(text);
    return CC_NEWLINE;
}

char *cb_editor_take_paste(cb_editor *editor) {
    char *rest = editor->paste_rest;
    editor->paste_rest = NULL;
    return rest;
}

void cb_editor_push(cb_editor *editor, const char *text) { el_push(editor->el, text); }

void cb_editor_set_history_keys(cb_editor *editor, int on) {
    static const char *up[] = {"\033[A", "\033OA", "^P"};
    static const char *down[] = {"\033[B", "\033OB", "^N"};
    for (int i = 0; i < 3; i++) {
        el_set(editor->el, EL_BIND, up[i], on ? "ed-prev-history" : "ed-unassigned", NULL);
        el_set(editor->el, EL_BIND, down[i], on ? "ed-next-history" : "ed-unassigned", NULL);
    }
}

int cb_input_pending(cb_editor *editor) {
    FILE *in = NULL;
    el_get(editor->el, EL_GETFP, 0, &in);
    struct pollfd fds = {.fd = in ? fileno(in) : STDIN_FILENO, .events = POLLIN};
    return poll(&fds, 1, 0) > 0 && (fds.revents & POLLIN);
}

void cb_editor_history_add(cb_editor *editor, const char *line) {
    history(editor->history, &editor->event, H_ENTER, line);
}

void cb_editor_history_set_size(cb_editor *editor, int size) {
    history(editor->history, &editor->event, H_SETSIZE, size);
}

void cb_editor_set_completer(cb_editor *editor, cb_complete_fn complete, void *context) {
    editor->context = context;
    el_set(editor->el, EL_ADDFN, "casebook-complete", "Complete the word before the cursor", complete);
    el_set(editor->el, EL_BIND, "^I", "casebook-complete", NULL);
}

void *cb_editor_context(EditLine *el) {
    cb_editor *editor = NULL;
    el_get(el, EL_CLIENTDATA, &editor);
    return editor ? editor->context : NULL;
}

const char *cb_line_buffer(EditLine *el, int *length, int *cursor) {
    const LineInfo *info = el_line(el);
    *length = (int)(info->lastchar - info->buffer);
    *cursor = (int)(info->cursor - info->buffer);
    return info->buffer;
}

int cb_insert(EditLine *el, const char *text) { return el_insertstr(el, text); }

void cb_delete_before_cursor(EditLine *el, int count) { el_deletestr(el, count); }

void cb_print_below(EditLine *el, const char *text) {
    FILE *out = NULL;
    el_get(el, EL_GETFP, 1, &out);
    if (!out) out = stdout;
    fputs(text, out);
    fflush(out);
}

static volatile sig_atomic_t interrupted = 0;
static volatile sig_atomic_t resized = 0;
/// Self-pipe: the SIGINT handler writes a byte, so a Ctrl-C that lands while
/// libedit is between reads (redrawing, completing, not yet in raw mode) still
/// wakes the next wait for a key instead of being lost until a key is pressed.
static int wakeup[2] = {-1, -1};

static void on_interrupt(int signo) {
    (void)signo;
    int saved = errno;
    interrupted = 1;
    if (wakeup[1] >= 0) (void)!write(wakeup[1], "", 1);
    errno = saved;
}

static void on_resize(int signo) {
    (void)signo;
    resized = 1;
}

void cb_install_interrupt_handler(void) {
    if (wakeup[0] < 0 && pipe(wakeup) == 0) {
        for (int i = 0; i < 2; i++) {
            fcntl(wakeup[i], F_SETFD, FD_CLOEXEC);
            fcntl(wakeup[i], F_SETFL, fcntl(wakeup[i], F_GETFL) | O_NONBLOCK);
        }
    }
    struct sigaction action;
    memset(&action, 0, sizeof action);
    action.sa_handler = on_interrupt;
    sigemptyset(&action.sa_mask);
    action.sa_flags = 0;  // no SA_RESTART: a pending read returns EINTR
    sigaction(SIGINT, &action, NULL);
    // A resize only wakes the wait for a key (below); other calls restart.
    action.sa_handler = on_resize;
    action.sa_flags = SA_RESTART;
    sigaction(SIGWINCH, &action, NULL);
    // Ctrl-\ quits at once, as it does other programs (libedit puts the
    // terminal back first). Left to the Swift runtime's crash handler, it
    // would wait on a terminal for a key to offer an interactive backtrace.
    action.sa_handler = SIG_DFL;
    action.sa_flags = 0;
    sigaction(SIGQUIT, &action, NULL);
}

int cb_interrupted(void) { return interrupted; }

void cb_clear_interrupt(void) {
    char drain[64];
    if (wakeup[0] >= 0) while (read(wakeup[0], drain, sizeof drain) > 0) {}
    interrupted = 0;
}

/// libedit's read function (EL_GETCFN): one character from the terminal, or -1
/// with errno EINTR as soon as Ctrl-C has been pressed — whenever it was
/// pressed since the last cb_clear_interrupt, not only during a blocking read.
/// UTF-8 is decoded as libedit's own reader does.
static int read_key(EditLine *el, wchar_t *key) {
    FILE *in = NULL;
    el_get(el, EL_GETFP, 0, &in);
    int fd = in ? fileno(in) : STDIN_FILENO;
    char bytes[MB_LEN_MAX];
    size_t have = 0;
    for (;;) {
        if (interrupted) {
            *key = L'\0';
            errno = EINTR;
            return -1;
        }
        struct pollfd fds[2] = {{.fd = fd, .events = POLLIN}, {.fd = wakeup[0], .events = POLLIN}};
        if (poll(fds, wakeup[0] >= 0 ? 2 : 1, -1) < 0) {
            if (errno != EINTR) return -1;
            if (resized) {
                resized = 0;
                el_resize(el);
                el_set(el, EL_REFRESH);
            }
            continue;
        }
        if (!(fds[0].revents & (POLLIN | POLLHUP | POLLERR))) continue;
        ssize_t n = read(fd, bytes + have, 1);
        if (n < 0) {
            if (errno == EINTR || errno == EAGAIN) continue;
            *key = L'\0';
            return -1;
        }
        if (n == 0) {
            *key = L'\0';
            return 0;
        }
        have++;
        mbstate_t state;
        memset(&state, 0, sizeof state);
        size_t decoded = mbrtowc(key, bytes, have, &state);
        if (decoded == (size_t)-2 && have < MB_LEN_MAX) continue;  // more bytes to come
        if (decoded == (size_t)-1 || decoded == (size_t)-2) {
            have = 0;  // invalid: dropped, as libedit does
            continue;
        }
        return 1;
    }
}

int cb_terminal_width(void) {
    struct winsize size;
    if (ioctl(STDOUT_FILENO, TIOCGWINSZ, &size) == 0 && size.ws_col > 0) return size.ws_col;
    return 0;
}

void cb_editor_reset(cb_editor *editor) { el_reset(editor->el); }
