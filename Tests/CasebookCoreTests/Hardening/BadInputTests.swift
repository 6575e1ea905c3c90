// The bad-input table: over 300 malformed or wrong statements, each with the
// message it must fail with and the line and column it must point at. Each
// runs as a script file's text reaches the engine (bytes decoded with
// replacement), against the shipped datasets. A statement may fail; it may
// not trap, and the engine must still answer the next statement.
//
// Unterminated strings and names, stray operators, unknown names of every
// kind, wrong types and argument counts, stages without sources, chained
// comparisons, huge numbers, deep nesting, 100 KB lines, control characters,
// NUL, invalid UTF-8, joins beyond `set limit`.

@testable import CasebookCore
import Testing

struct BadInput: Sendable, CustomTestStringConvertible {
    var label: String?
    var bytes: [UInt8]
    /// The start of the first error's message.
    var message: String
    /// "LINE:COLUMN" of the first error.
    var at: String

    init(_ source: String, _ message: String, at: String) {
        self.bytes = Array(source.utf8)
        self.message = message
        self.at = at
    }

    init(_ label: String, bytes: [UInt8], _ message: String, at: String) {
        self.label = label
        self.bytes = bytes
        self.message = message
        self.at = at
    }

    var testDescription: String {
        if let label { return label }
        let text = String(decoding: bytes, as: UTF8.self)
        return String(text.unicodeScalars.map { $0.value < 0x20 || $0.value == 0x7F ? "·" : Character($0) })
    }
}

enum BadInputs {
    static let statements: [BadInput] = [
        // unterminated strings and names
        BadInput("referrals | where la_name = \"Reading", "this string has no closing quote", at: "1:29"),
        BadInput("referrals | where la_name = 'Reading", "this string has no closing quote", at: "1:29"),
        BadInput("load \"data.csv", "this string has no closing quote", at: "1:6"),
        BadInput("referrals | select `la name", "this quoted name has no closing backtick", at: "1:20"),
        BadInput("help \"where", "this string has no closing quote", at: "1:6"),
        BadInput("referrals | for \"Reading", "this string has no closing quote", at: "1:17"),
        BadInput("referrals | where la_name = \"Read\n\nauthorities | take 1", "this string has no closing quote", at: "1:29"),
        BadInput("set format \"csv", "expected a value for `set format`, found `\"csv`", at: "1:12"),
        BadInput("\"", "this string has no closing quote", at: "1:1"),
        BadInput("`", "this quoted name has no closing backtick", at: "1:1"),
        BadInput("referrals\n  | where la_name = \"x", "this string has no closing quote", at: "2:21"),
        BadInput("referrals | where la_name = \"abc\\", "this string has no closing quote", at: "1:29"),
        BadInput("referrals | where la_name = \"a\" and region = \"b", "this string has no closing quote", at: "1:46"),
        BadInput("compare \"Reading on referrals_rate", "this string has no closing quote", at: "1:9"),
        BadInput("referrals | select `", "this quoted name has no closing backtick", at: "1:20"),
        // stray operators and punctuation
        BadInput("referrals | where year = = 2016", "expected a value: a number, a string in quotes, a column or a function", at: "1:26"),
        BadInput("referrals || where year = 2016", "expected a stage after `|`", at: "1:12"),
        BadInput("referrals | | take 1", "expected a stage after `|`", at: "1:13"),
        BadInput("referrals |", "expected a stage after `|`", at: "1:12"),
        BadInput("referrals | where year = 2016 |", "expected a stage after `|`", at: "1:32"),
        BadInput("referrals | where year => 2016", "expected a value: a number, a string in quotes, a column or a function", at: "1:25"),
        BadInput("referrals | where year =! 2016", "unexpected `!` here", at: "1:25"),
        BadInput("referrals | where !year", "unexpected `!` here", at: "1:19"),
        BadInput("referrals | where year && 1", "unexpected `&` here", at: "1:24"),
        BadInput("referrals | where year & 1", "unexpected `&` here", at: "1:24"),
        BadInput("referrals | take 3 3", "unexpected the number 3 in `take`", at: "1:20"),
        BadInput("referrals | select year,", "expected a column or expression after `,`, found the end of the statem", at: "1:25"),
        BadInput("referrals | select , year", "expected a value: a number, a string in quotes, a column or a function", at: "1:20"),
        BadInput("referrals | where year = 2016)", "unexpected `)` in `where`", at: "1:30"),
        BadInput("referrals | where (year = 2016", "expected `)` after the expression, found the end of the statement", at: "1:31"),
        BadInput("referrals | where year in [2016, 2017", "expected `,` or `]` after the list item, found the end of the statemen", at: "1:38"),
        BadInput("referrals | where year in 2016", "expected `[` and a list of values after `in`, found the number 2016", at: "1:27"),
        BadInput("referrals | where year in [2016,, 2017]", "expected a value: a number, a string in quotes, a column or a function", at: "1:33"),
        BadInput("referrals | where year between 2015", "expected `and` and the upper bound after the lower bound, found the en", at: "1:36"),
        BadInput("referrals | where year between 2015 and", "expected a value after `and`, found the end of the statement", at: "1:40"),
        BadInput("referrals | where + year", "a value cannot start with `+`", at: "1:19"),
        BadInput("referrals | where year *", "expected a value after `*`, found the end of the statement", at: "1:25"),
        BadInput("referrals | where year @ 2", "unexpected `@` here", at: "1:24"),
        BadInput("referrals | where year $ 2", "unexpected `$` here", at: "1:24"),
        BadInput("referrals | where year ^ 2", "unexpected `^` here", at: "1:24"),
        BadInput("referrals | where year ~ 2", "unexpected `~` here", at: "1:24"),
        BadInput("referrals | where year = 2016 ?", "unexpected `?` here", at: "1:31"),
        BadInput("12abc | take 1", "unexpected `12abc` here", at: "1:1"),
        BadInput("referrals | sort year desc desc", "unexpected `desc` in `sort`", at: "1:28"),
        BadInput("referrals | take -1", "expected a whole number after `take`, found `-`", at: "1:18"),
        BadInput("referrals | take 1.5", "expected a whole number after `take`, found the number 1.5", at: "1:18"),
        BadInput("referrals | take \"3\"", "expected a whole number after `take`, found the string \"3\"", at: "1:18"),
        BadInput("referrals | take", "expected a whole number after `take`, found the end of the statement", at: "1:17"),
        BadInput("referrals | where year = [2016]", "a list can only follow `in`", at: "1:26"),
        BadInput("referrals | derive = 1", "expected a value: a number, a string in quotes, a column or a function", at: "1:20"),
        BadInput("referrals | derive x =", "expected an expression after `=`, found the end of the statement", at: "1:23"),
        BadInput("referrals | derive year + 1", "a derived column needs a name", at: "1:20"),
        BadInput("referrals | rename a b", "expected `=` and the old name (`new = old`) after `a`, found `b`", at: "1:22"),
        BadInput("referrals | join authorities", "expected `on` and the key columns (e.g. `on la_code`) after the datase", at: "1:29"),
        BadInput("referrals | join authorities on", "expected a key column after `on`, found the end of the statement", at: "1:32"),
        BadInput("referrals | where not", "expected a value after `not`, found the end of the statement", at: "1:22"),
        BadInput("referrals | where year not 2016", "unexpected `not` in `where`", at: "1:24"),
        BadInput("referrals | where year <> ", "expected a value after `<>`, found the end of the statement", at: "1:26"),
        BadInput("referrals | select la_name as name", "unexpected `as` in `select`", at: "1:28"),
        BadInput("referrals . take 1", "unexpected `.` here", at: "1:11"),
        BadInput("referrals | take 1;; | take 2", "this stage has no source", at: "1:22"),
        BadInput("let = referrals", "expected a name for the result after `let`, found `=`", at: "1:5"),
        BadInput("let x referrals", "expected `=` after `let x`, found `referrals`", at: "1:7"),
        BadInput("let 1 = referrals", "expected a name for the result after `let`, found the number 1", at: "1:5"),
        BadInput("let and = referrals", "`and` is a word of the language, not a name", at: "1:5"),
        BadInput("let x =", "expected a dataset name, found the end of the statement", at: "1:8"),
        BadInput("save 'x'", "expected `session` or `chart` after `save`, found the string 'x'", at: "1:6"),
        BadInput("save session", "expected a session name or a path in quotes after `save session`, foun", at: "1:13"),
        BadInput("save session 1", "expected a session name or a path in quotes after `save session`, foun", at: "1:14"),
        BadInput("save session x y", "unexpected `y` after the session name", at: "1:16"),
        BadInput("set rows ,", "expected a value for `set rows`, found `,`", at: "1:10"),
        BadInput("set rows -1", "expected a value for `set rows`, found `-`", at: "1:10"),
        BadInput("output 1", "expected a file path in quotes, or `off` after `output`, found the num", at: "1:8"),
        BadInput("once", "expected a file path in quotes after `once`, found the end of the stat", at: "1:5"),
        BadInput("forget", "expected the name of a result made with `let` or `load` after `forget`", at: "1:7"),
        BadInput("forget 1", "expected the name of a result made with `let` or `load` after `forget`", at: "1:8"),
        BadInput("describe", "expected a dataset name after `describe`, found the end of the stateme", at: "1:9"),
        BadInput("profile", "expected a dataset name after `profile`, found the end of the statemen", at: "1:8"),
        BadInput("describe 1", "expected a dataset name after `describe`, found the number 1", at: "1:10"),
        BadInput("describe referrals | take 1", "unexpected `|` after `describe referrals`", at: "1:20"),
        BadInput("datasets referrals", "unexpected `referrals` after `datasets`", at: "1:10"),
        BadInput("quit now", "unexpected `now` after `quit`", at: "1:6"),
        // compare
        BadInput("compare", "expected an authority, e.g. `\"Reading\"` or `870` after `compare`, foun", at: "1:8"),
        BadInput("compare Reading on referrals_rate", "an authority's name goes in quotes", at: "1:9"),
        BadInput("compare \"Reading\"", "expected `on` and the measure, e.g. `on referrals_rate` after the auth", at: "1:18"),
        BadInput("compare \"Reading\" on", "expected the measure to compare after `on`, found the end of the state", at: "1:21"),
        BadInput("compare \"Reading\" on referrals_rate years 2016 to 2010", "the years run backwards (2016 to 2010)", at: "1:37"),
        BadInput("compare \"Reading\" on referrals_rate year", "expected a whole number after `year`, found the end of the statement", at: "1:41"),
        BadInput("compare \"Reading\" on referrals_rate neighbours", "expected a neighbour model, e.g. `2025` or `2021` after `neighbours`, ", at: "1:47"),
        BadInput("compare \"Reading\" on referrals_rate foo", "unexpected `foo` in `compare`", at: "1:37"),
        BadInput("compare \"Reading\" on referrals_rate years 2016", "expected `to` and the last year after `years 2016`, found the end of t", at: "1:47"),
        BadInput("compare \"Reading\" on referrals_rate year \"2016\"", "expected a whole number after `year`, found the string \"2016\"", at: "1:42"),
        BadInput("referrals | compare \"Reading\" on referrals_rate in referrals", "`in` names a dataset only in the statement form of compare", at: "1:49"),
        // stage arguments
        BadInput("referrals | chart", "expected a chart kind: bar, line, hist or scatter after `chart`, found", at: "1:18"),
        BadInput("referrals | chart pie la_name referrals", "no chart called `pie`", at: "1:19"),
        BadInput("referrals | chart bar la_name", "expected the column of values after `la_name`, found the end of the st", at: "1:30"),
        BadInput("referrals | chart hist referrals bins 0", "choose from 1 to 100 bins", at: "1:19"),
        BadInput("referrals | chart hist referrals bins 1000", "choose from 1 to 100 bins", at: "1:19"),
        BadInput("referrals | chart line year referrals_rate | take 3", "`chart` must be the last stage", at: "1:13"),
        BadInput("referrals | chart bar la_name referrals to", "expected a file path in quotes, ending .svg or .png after `to`, found the end ", at: "1:43"),
        BadInput("referrals | correlate referrals", "expected the second measure after `referrals`, found the end of the st", at: "1:32"),
        BadInput("referrals | longer referrals into m", "expected `,` and a name for the values column after `m`, found the end", at: "1:36"),
        BadInput("referrals | longer referrals into", "expected a name for the column of former column names after `into`, fo", at: "1:34"),
        BadInput("referrals | wider year", "expected the column holding the values after `year`, found the end of ", at: "1:23"),
        BadInput("referrals | top", "expected a whole number after `top`, found the end of the statement", at: "1:16"),
        BadInput("referrals | top 3", "expected a column or expression to order by after `top 3`, found the e", at: "1:18"),
        BadInput("referrals | top x referrals", "expected a whole number after `top`, found `x`", at: "1:17"),
        BadInput("referrals | change referrals", "expected `over` and the ordering column (e.g. `over year`) after `refe", at: "1:29"),
        BadInput("referrals | change referrals over", "expected the ordering column, such as `year` after `over`, found the e", at: "1:34"),
        BadInput("referrals | rank", "expected a column or expression to order by after `rank`, found the en", at: "1:17"),
        BadInput("referrals | group", "expected a column to group by after `group`, found the end of the stat", at: "1:18"),
        BadInput("referrals | distinct 1", "expected a column name after `distinct`, found the number 1", at: "1:22"),
        BadInput("referrals | drop", "expected a column name or pattern after `drop`, found the end of the statement", at: "1:17"),
        BadInput("referrals | count by", "expected a column or expression to group by after `by`, found the end of the statement", at: "1:21"),
        BadInput("referrals | summarise", "expected a column or expression after `summarise`, found the end of th", at: "1:22"),
        BadInput("referrals | summarise by year", "expected a column or expression after `summarise`, found `by`", at: "1:23"),
        BadInput("referrals | for", "expected an authority name or code, e.g. `\"Reading\"` or `870` after `f", at: "1:16"),
        BadInput("referrals | write", "expected a file path in quotes after `write`, found the end of the sta", at: "1:18"),
        BadInput("referrals | write out.csv", "expected a file path in quotes after `write`, found `out`", at: "1:19"),
        BadInput("referrals | select", "expected a column or expression after `select`, found the end of the s", at: "1:19"),
        BadInput("referrals | sort", "expected a column or expression to order by after `sort`, found the en", at: "1:17"),
        BadInput("referrals | where", "expected a condition after `where`, found the end of the statement", at: "1:18"),
        // unknown columns
        BadInput("referrals | where regoin = \"South East\"", "no column named `regoin`", at: "1:19"),
        BadInput("referrals | select nope", "no column named `nope`", at: "1:20"),
        BadInput("referrals | sort nope", "no column named `nope`", at: "1:18"),
        BadInput("referrals | derive x = nope + 1", "no column named `nope`", at: "1:24"),
        BadInput("referrals | drop nope", "no column named `nope`", at: "1:18"),
        BadInput("referrals | rename a = nope", "no column named `nope`", at: "1:24"),
        BadInput("referrals | group nope", "no column named `nope`", at: "1:19"),
        BadInput("referrals | summarise mean(nope)", "no column named `nope`", at: "1:28"),
        BadInput("referrals | count by nope", "no column named `nope`", at: "1:22"),
        BadInput("referrals | top 3 referrals by year >= 2020", "group keys are column names, not expressions", at: "1:37"),
        BadInput("referrals | change referrals over year by region, floor(year / 5)", "group keys are column names, not expressions", at: "1:56"),
        BadInput("referrals | group region, year + 1 | count", "group keys are column names, not expressions", at: "1:32"),
        BadInput("referrals | rank referrals by year in [2016]", "group keys are column names, not expressions", at: "1:36"),
        BadInput("referrals | join authorities on nope", "no column named `nope`", at: "1:33"),
        BadInput("referrals | join authorities on la_code = nope", "no column named `nope` in authorities", at: "1:43"),
        BadInput("referrals | rank nope", "no column named `nope`", at: "1:18"),
        BadInput("referrals | change nope over year", "no column named `nope`", at: "1:20"),
        BadInput("referrals | change referrals over nope", "no column named `nope`", at: "1:35"),
        BadInput("referrals | wider nope referrals", "no column named `nope`", at: "1:19"),
        BadInput("referrals | longer nope into a, b", "no column named `nope`", at: "1:20"),
        BadInput("referrals | top 3 nope", "no column named `nope`", at: "1:19"),
        BadInput("referrals | correlate nope, referrals", "no column named `nope`", at: "1:23"),
        BadInput("referrals | chart bar nope referrals", "no column named `nope`", at: "1:23"),
        BadInput("referrals | distinct nope", "no column named `nope`", at: "1:22"),
        BadInput("referrals | select `la name`", "no column named `la name`", at: "1:20"),
        BadInput("referrals | where mean = 1", "no column named `mean`", at: "1:19"),
        BadInput("referrals | select year | where la_name = \"Reading\"", "no column named `la_name`", at: "1:33"),
        BadInput("referrals | summarise n = count() by year | where referrals > 1", "no column named `referrals`", at: "1:51"),
        // unknown datasets
        BadInput("referals", "no dataset named `referals`", at: "1:1"),
        BadInput("referals | take 1", "no dataset named `referals`", at: "1:1"),
        BadInput("describe referals", "no dataset named `referals`", at: "1:10"),
        BadInput("profile nope", "no dataset named `nope`", at: "1:9"),
        BadInput("referrals | join nope on la_code", "no dataset named `nope`", at: "1:18"),
        BadInput("forget referrals", "`referrals` is a shipped dataset and cannot be forgotten", at: "1:8"),
        BadInput("forget nope", "no result named `nope`", at: "1:8"),
        BadInput("compare \"Reading\" on referrals_rate in nope", "no dataset named `nope`", at: "1:40"),
        BadInput("(nope | take 1)", "no dataset named `nope`", at: "1:2"),
        BadInput("mean | take 1", "no dataset named `mean`", at: "1:1"),
        BadInput("referrals | join (nope) on la_code", "no dataset named `nope`", at: "1:19"),
        BadInput("let x = nope", "no dataset named `nope`", at: "1:9"),
        // unknown stages
        BadInput("referrals | wher year = 2016", "unknown stage `wher`", at: "1:13"),
        BadInput("referrals | filtr year = 2016", "unknown stage `filtr`", at: "1:13"),
        BadInput("referrals | mean(referrals)", "unknown stage `mean`", at: "1:13"),
        BadInput("referrals | nope", "unknown stage `nope`", at: "1:13"),
        BadInput("referrals | where year = 2016 | selct la_name", "unknown stage `selct`", at: "1:33"),
        // unknown functions
        BadInput("referrals | where roun(referrals) = 1", "unknown function `roun`", at: "1:19"),
        BadInput("referrals | derive x = nope(1)", "unknown function `nope`", at: "1:24"),
        BadInput("referrals | derive x = where(1)", "unknown function `where`", at: "1:24"),
        BadInput("referrals | derive x = MEANS(referrals)", "unknown function `means`", at: "1:24"),
        // unknown authorities
        BadInput("referrals | for \"Readng\"", "no authority called \"Readng\"", at: "1:17"),
        BadInput("referrals | for \"kingston\"", "\"kingston\" could be Kingston upon Thames (314) or Kingston upon Hull, ", at: "1:17"),
        BadInput("referrals | for \"nowhere at all\"", "no authority called \"nowhere at all\"", at: "1:17"),
        BadInput("referrals | where la_code = la(\"nowhere at all\")", "no authority called \"nowhere at all\"", at: "1:32"),
        BadInput("compare \"Nowhere at all\" on referrals_rate", "no authority called \"Nowhere at all\"", at: "1:9"),
        BadInput("referrals | for 12345", "no authority called \"12345\"", at: "1:17"),
        BadInput("referrals | for true", "an authority is named by text or a code, not true/false", at: "1:17"),
        BadInput("compare \"kingston\" on referrals_rate", "\"kingston\" could be Kingston upon Thames (314) or Kingston upon Hull, ", at: "1:9"),
        // settings
        BadInput("set nope 1", "no setting called `nope`", at: "1:5"),
        BadInput("set format xml", "`set format` takes table, csv, tsv, json or markdown, not `xml`", at: "1:12"),
        BadInput("set rows abc", "`set rows` takes a positive whole number or `all`, not `abc`", at: "1:10"),
        BadInput("set width 0", "`set width` takes a positive whole number or `auto`, not `0`", at: "1:11"),
        BadInput("set timer maybe", "`set timer` takes on or off, not `maybe`", at: "1:11"),
        BadInput("set chars emoji", "`set chars` takes unicode or ascii", at: "1:11"),
        BadInput("set limit all", "`set limit` takes a positive whole number, not `all`", at: "1:11"),
        BadInput("set limit 0", "`set limit` takes a positive whole number, not `0`", at: "1:11"),
        BadInput("set accessible 2", "`set accessible` takes on or off, not `2`", at: "1:16"),
        BadInput("set colour blue", "`set colour` takes on or off, not `blue`", at: "1:12"),
        BadInput("compare \"Reading\" on referrals_rate neighbours 1999", "no statistical neighbour model called 1999", at: "1:48"),
        // Refused where it was typed, not at the next `compare`.
        BadInput("set neighbours 1999\ncompare \"Reading\" on referrals_rate", "`set neighbours` takes 2025 or 2021, not `1999`", at: "1:16"),
        // help topics
        BadInput("help nope", "no help on `nope`", at: "1:6"),
        BadInput("help wher", "no help on `wher`", at: "1:6"),
        BadInput("help 12", "expected a topic, e.g. `help where` or `help functions` after `help`, ", at: "1:6"),
        BadInput("help (", "expected a topic, e.g. `help where` or `help functions` after `help`, ", at: "1:6"),
        // wrong types
        BadInput("referrals | where la_name > 3", "cannot compare `la_name` (text) with `3` (whole number)", at: "1:29"),
        BadInput("referrals | where year + \"a\" = 1", "`+` works on numbers, but `\"a\"` holds text", at: "1:26"),
        BadInput("referrals | where year", "`where` needs a condition, but `year` holds whole numbers", at: "1:19"),
        BadInput("referrals | where la_name", "`where` needs a condition, but `la_name` holds text", at: "1:19"),
        BadInput("referrals | derive x = la_name * 2", "`*` works on numbers, but `la_name` holds text", at: "1:24"),
        BadInput("referrals | derive x = -la_name", "`-` works on numbers, but this is text", at: "1:25"),
        BadInput("referrals | where not year", "`not` needs a condition, but `year` holds whole numbers", at: "1:23"),
        BadInput("referrals | where la_name like 3", "the pattern after `like` must be text", at: "1:32"),
        BadInput("referrals | where la_name like la_name", "the pattern after `like` must be a string, not a column", at: "1:32"),
        BadInput("referrals | derive x = round(la_name)", "`round` works on numbers, but `la_name` holds text", at: "1:30"),
        BadInput("referrals | derive x = upper(year)", "`upper` works on text, but `year` holds whole numbers", at: "1:30"),
        BadInput("referrals | derive x = contains(la_name, year)", "the second argument of `contains` must be a string", at: "1:42"),
        BadInput("referrals | summarise mean(la_name)", "`mean` works on numbers, but `la_name` holds text", at: "1:28"),
        BadInput("referrals | derive x = if(year, 1, 2)", "the first argument of `if` needs a condition, but `year` holds whole n", at: "1:27"),
        BadInput("referrals | derive x = round(year, 1.5)", "the number of places must be a whole number such as 1", at: "1:36"),
        BadInput("referrals | derive x = round(year, year)", "the number of places must be a whole number such as 1", at: "1:36"),
        BadInput("referrals | join authorities on la_code = la_name", "cannot join whole number `la_code` with text `la_name` of authorities", at: "1:33"),
        BadInput("referrals | where year and true", "`and` needs a condition, but `year` holds whole numbers", at: "1:19"),
        BadInput("referrals | where year in [\"a\"]", "cannot compare `year` (whole number) with `\"a\"` (text)", at: "1:28"),
        BadInput("referrals | where la_name between 1 and 2", "cannot compare `la_name` (text) with `1` (whole number)", at: "1:35"),
        BadInput("referrals | derive x = missing(\"q\")", "`q` is not a missing-value marker", at: "1:24"),
        BadInput("referrals | where year = true", "cannot compare `year` (whole number) with `true` (true/false)", at: "1:26"),
        BadInput("referrals | derive x = sqrt(\"a\")", "`sqrt` works on numbers, but `\"a\"` holds text", at: "1:29"),
        BadInput("referrals | derive x = abs(true)", "`abs` works on numbers, but `true` holds true/false values", at: "1:28"),
        BadInput("referrals | derive x = la(true)", "an authority is named by text or a code, not true/false", at: "1:27"),
        BadInput("referrals | summarise sum(la_name)", "`sum` works on numbers, but `la_name` holds text", at: "1:27"),
        BadInput("referrals | summarise quantile(referrals, 2)", "the second argument of `quantile` must be a number from 0 to 1", at: "1:43"),
        BadInput("referrals | summarise quantile(referrals, la_name)", "the second argument of `quantile` must be a number from 0 to 1", at: "1:43"),
        BadInput("referrals | take 1 | longer la_name, referrals into m, v", "columns turned into rows must hold one kind of value, but `la_name` ho", at: "1:29"),
        // argument counts
        BadInput("authorities | derive x = round()", "`round` takes 1 or 2 arguments, but was given 0", at: "1:26"),
        BadInput("authorities | derive x = round(1, 2, 3)", "`round` takes 1 or 2 arguments, but was given 3", at: "1:26"),
        BadInput("authorities | derive x = abs()", "`abs` takes 1 argument, but was given 0", at: "1:26"),
        BadInput("authorities | derive x = abs(1, 2)", "`abs` takes 1 argument, but was given 2", at: "1:26"),
        BadInput("authorities | derive x = if(true)", "`if` takes 3 arguments, but was given 1", at: "1:26"),
        BadInput("authorities | derive x = contains(\"a\")", "`contains` takes 2 arguments, but was given 1", at: "1:26"),
        BadInput("authorities | derive x = concat()", "`concat` takes 1 to 32 arguments, but was given 0", at: "1:26"),
        BadInput("authorities | derive x = coalesce()", "`coalesce` takes 1 to 32 arguments, but was given 0", at: "1:26"),
        BadInput("authorities | derive x = la()", "`la` takes 1 argument, but was given 0", at: "1:26"),
        BadInput("authorities | derive x = text()", "`text` takes 1 argument, but was given 0", at: "1:26"),
        BadInput("authorities | summarise mean()", "`mean` takes 1 argument, but was given 0", at: "1:25"),
        BadInput("authorities | summarise mean(la_code, la_code)", "`mean` takes 1 argument, but was given 2", at: "1:25"),
        BadInput("authorities | summarise quantile(la_code)", "`quantile` takes 2 arguments, but was given 1", at: "1:25"),
        BadInput("authorities | summarise corr(la_code)", "`corr` takes 2 arguments, but was given 1", at: "1:25"),
        BadInput("authorities | summarise count(la_code, la_code)", "`count` takes 0 or 1 arguments, but was given 2", at: "1:25"),
        BadInput("authorities | summarise sum()", "`sum` takes 1 argument, but was given 0", at: "1:25"),
        BadInput("authorities | summarise mean(sum(la_code))", "an aggregate cannot be inside another aggregate", at: "1:30"),
        BadInput("authorities | derive x = missing(\"c\", \"x\")", "expected a marker in quotes and `)`, e.g. `missing(\"c\")` after `missin", at: "1:37"),
        // stages without sources
        BadInput("where year = 2016", "`where` is a stage and needs a source", at: "1:1"),
        BadInput("take 3", "`take` is a stage and needs a source", at: "1:1"),
        BadInput("select la_name", "`select` is a stage and needs a source", at: "1:1"),
        BadInput("summarise mean(x)", "`summarise` is a stage and needs a source", at: "1:1"),
        BadInput("sort year", "`sort` is a stage and needs a source", at: "1:1"),
        BadInput("join authorities on la_code", "`join` is a stage and needs a source", at: "1:1"),
        BadInput("| where year = 2016", "this stage has no source", at: "1:1"),
        BadInput("count by region", "`count` is a stage and needs a source", at: "1:1"),
        BadInput("for \"Reading\"", "`for` is a stage and needs a source", at: "1:1"),
        BadInput("chart bar a b", "`chart` is a stage and needs a source", at: "1:1"),
        BadInput("distinct", "no dataset named `distinct`", at: "1:1"),
        // chained comparisons
        BadInput("referrals | where 1 < year < 3", "comparisons cannot be chained", at: "1:28"),
        BadInput("referrals | where year = 2016 = true", "comparisons cannot be chained", at: "1:31"),
        BadInput("referrals | where year != 1 != 2", "comparisons cannot be chained", at: "1:29"),
        BadInput("referrals | where 2015 <= year <= 2016", "comparisons cannot be chained", at: "1:32"),
        BadInput("referrals | where year > 1 >= 2", "comparisons cannot be chained", at: "1:28"),
        // huge numbers
        BadInput("referrals | take 99999999999999999999", "this number is too large", at: "1:18"),
        BadInput("referrals | where year = 1e999", "this number is too large", at: "1:26"),
        BadInput("compare \"Reading\" on referrals_rate year 99999999999999999999", "this number is too large", at: "1:42"),
        BadInput("referrals | chart hist referrals bins 99999999999999999999", "this number is too large", at: "1:39"),
        BadInput("referrals | top 99999999999999999999 referrals", "this number is too large", at: "1:17"),
        BadInput("set rows 99999999999999999999", "`set rows` takes a positive whole number or `all`, not `99999999999999", at: "1:10"),
        BadInput("set limit 99999999999999999999", "`set limit` takes a positive whole number, not `99999999999999999999`", at: "1:11"),
        BadInput("set width 99999999999999999999", "`set width` takes a positive whole number or `auto`, not `999999999999", at: "1:11"),
        BadInput("referrals | derive x = round(referrals, 99999999999999999999)", "the number of places must be a whole number such as 1", at: "1:41"),
        BadInput("referrals | skip 99999999999999999999", "this number is too large", at: "1:18"),
        BadInput("referrals | derive x = 1e400", "this number is too large", at: "1:24"),
        BadInput("referrals | derive x = 123456789012345678901234567890e999", "this number is too large", at: "1:24"),
        // control characters, NUL and replacement characters
        BadInput("referrals\u{0} | take 1", "unexpected control character U+0000 here", at: "1:10"),
        BadInput("referrals | take 1\u{7}", "unexpected control character U+0007 here", at: "1:19"),
        BadInput("\u{1B}[2J", "unexpected control character U+001B here", at: "1:1"),
        BadInput("referrals | where year\u{B} = 2016", "unexpected control character U+000B here", at: "1:23"),
        BadInput("referrals | where year = 2016\u{8}", "unexpected control character U+0008 here", at: "1:30"),
        BadInput("\u{0}", "unexpected control character U+0000 here", at: "1:1"),
        BadInput("referrals | where \u{FFFD} = 1", "unexpected `\u{FFFD}` here", at: "1:19"),
        BadInput("refe\u{FFFD}rals | take 1", "unexpected `\u{FFFD}` here", at: "1:5"),
        BadInput("referrals | where year\u{202E} = 1", "unexpected invisible character U+202E here", at: "1:23"),
        BadInput("referrals |\u{A0}take 1", "unexpected invisible character U+00A0 here", at: "1:12"),
        BadInput("\u{FEFF}referrals | take 1 | where nope", "no column named `nope`", at: "1:28"),
        BadInput("referrals | where la_name = \"\u{0}\" | select nope", "no column named `nope`", at: "1:42"),
        BadInput("referrals | select `\u{1B}[31mred`", "no column named `\u{FFFD}[31mred`", at: "1:20"),
    ]

    private static func rep(_ s: String, _ n: Int) -> String { String(repeating: s, count: n) }
    private static func utf8(_ s: String) -> [UInt8] { Array(s.utf8) }

    /// Inputs too long or too odd to write out: nesting, long lines, raw bytes, joins.
    static let generated: [BadInput] = [
        // deep nesting: brackets, `not`, unary minus, calls, pipelines
        BadInput("300 brackets", bytes: utf8("authorities | where \(rep("(", 300))true\(rep(")", 300))"),
                 "this expression is nested too deeply (more than 200 levels)", at: "1:220"),
        BadInput("190 brackets, then an unknown column", bytes: utf8("authorities | where \(rep("(", 190))true\(rep(")", 190)) | select nope"),
                 "no column named `nope`", at: "1:415"),
        BadInput("300 `not`", bytes: utf8("authorities | where \(rep("not ", 300))true"), "this expression is nested too deeply", at: "1:813"),
        BadInput("300 unary minus", bytes: utf8("authorities | derive x = \(rep("- ", 300))1"), "this expression is nested too deeply", at: "1:422"),
        BadInput("300 unary minus, no spaces", bytes: utf8("authorities | derive x = \(rep("-", 300))1"), "this expression is nested too deeply", at: "1:224"),
        // A nested pipeline counts as four levels of the 200: at most 49 nest.
        BadInput("300 nested pipelines", bytes: utf8("\(rep("(", 300))authorities\(rep(")", 300))"), "pipelines are nested too deeply (more than 50 levels)", at: "1:50"),
        BadInput("49 nested pipelines, then an unknown column", bytes: utf8("\(rep("(", 49))authorities\(rep(")", 49)) | select nope"),
                 "no column named `nope`", at: "1:120"),
        BadInput("300 nested calls", bytes: utf8("authorities | derive x = \(rep("abs(", 300))1\(rep(")", 300))"),
                 "this expression is nested too deeply (more than 200 levels)", at: "1:822"),
        BadInput("300 nested lists", bytes: utf8("authorities | where la_code in \(rep("[", 300))1\(rep("]", 300))"), "a list can only follow `in`", at: "1:33"),
        BadInput("a join of 300 nested pipelines", bytes: utf8("authorities | join \(rep("(", 300))authorities\(rep(")", 300)) on la_code"),
                 "pipelines are nested too deeply", at: "1:69"),
        BadInput("brackets and sums, 100 deep", bytes: utf8("authorities | where \(rep("(1 + ", 100))1\(rep(" + 1)", 100)) = 1"),
                 "this expression is nested too deeply (more than 200 levels)", at: "1:517"),
        // long chains of operators: each link is a level of the tree
        BadInput("190 additions, then an unknown column", bytes: utf8("authorities | derive x = 1\(rep(" + 1", 190)) | select nope"),
                 "no column named `nope`", at: "1:797"),
        BadInput("50,000 additions", bytes: utf8("authorities | derive x = 1\(rep(" + 1", 50000)) | select nope"),
                 "this expression is too long (more than 200 operators and brackets deep)", at: "1:820"),
        BadInput("300 multiplications", bytes: utf8("authorities | derive x = 1\(rep(" * 1", 300))"),
                 "this expression is too long (more than 200 operators and brackets deep)", at: "1:820"),
        BadInput("30,000 `or`", bytes: utf8("authorities | where la_code = 1\(rep(" or la_code = 1", 30000))"),
                 "this expression is too long (more than 200 operators and brackets deep)", at: "1:3003"),
        BadInput("30,000 `and`", bytes: utf8("authorities | where true\(rep(" and true", 30000))"),
                 "this expression is too long (more than 200 operators and brackets deep)", at: "1:1808"),
        BadInput("concat of 10,001 arguments", bytes: utf8("authorities | derive x = concat(\(rep("la_name, ", 10000))la_name)"),
                 "`concat` takes 1 to 32 arguments, but was given 10001", at: "1:26"),
        BadInput("a list of 30,001 values, then an unknown column", bytes: utf8("authorities | where la_code in [\(rep("1, ", 30000))1] | select nope"),
                 "no column named `nope`", at: "1:90045"),
        // 100 KB lines
        BadInput("a 100 KB column name", bytes: utf8("authorities | select \(rep("a", 100_000))"), "no column named `aaaaaaaa", at: "1:22"),
        BadInput("100 KB of spaces, then an unknown dataset", bytes: utf8("\(rep(" ", 100_000))nope"), "no dataset named `nope`", at: "1:100001"),
        BadInput("a 100 KB string", bytes: utf8("authorities | where la_name = \"\(rep("x", 100_000))\" | select nope"),
                 "no column named `nope`", at: "1:100043"),
        BadInput("a 100 KB comment", bytes: utf8("# \(rep("c", 100_000))\nauthorities | select nope"), "no column named `nope`", at: "2:22"),
        BadInput("8,000 stages", bytes: utf8("authorities\(rep(" | take 1000", 8000)) | select nope"), "no column named `nope`", at: "1:96022"),
        BadInput("2,000 statements on one line", bytes: utf8("\(rep("authorities | take 1; ", 2000))nope"), "no dataset named `nope`", at: "1:44001"),
        BadInput("a 100 KB dataset name", bytes: utf8(rep("d", 100_000)), "no dataset named `ddddddd", at: "1:1"),
        // invalid UTF-8, as a file's bytes reach the engine (replaced by U+FFFD)
        BadInput("a lone 0xFF", bytes: utf8("authorities | where ") + [0xFF] + utf8(" = 1"), "unexpected `\u{FFFD}` here", at: "1:21"),
        BadInput("a bad continuation in a name", bytes: utf8("authorities | select la_") + [0xC3, 0x28], "unexpected `\u{FFFD}` here", at: "1:25"),
        BadInput("a truncated sequence at the end", bytes: utf8("authorities | select ") + [0xE2, 0x82], "unexpected `\u{FFFD}` here", at: "1:22"),
        BadInput("an overlong slash in a string", bytes: utf8("authorities | where la_name = \"") + [0xC0, 0xAF] + utf8("\" | select nope"),
                 "no column named `nope`", at: "1:45"),
        BadInput("an overlong slash first", bytes: [0xC0, 0xAF] + utf8("authorities"), "unexpected `\u{FFFD}` here", at: "1:1"),
        BadInput("an encoded surrogate", bytes: utf8("authorities | select ") + [0xED, 0xA0, 0x80], "unexpected `\u{FFFD}` here", at: "1:22"),
        BadInput("Latin-1 bytes in a name", bytes: utf8("authorities | select caf") + [0xE9], "unexpected `\u{FFFD}` here", at: "1:25"),
        // joins and results beyond `set limit`
        BadInput("a join beyond the limit", bytes: utf8("set limit 1000\nreferrals | join referrals on la_code"),
                 "this join would make more than 1,000 rows", at: "2:13"),
        BadInput("a left join beyond the limit", bytes: utf8("set limit 5000\nreferrals | join left (referrals | select la_code) on la_code"),
                 "this join would make more than 5,000 rows", at: "2:13"),
        BadInput("a join beyond the limit inside a join", bytes: utf8("set limit 3000\nauthorities | join (referrals | join referrals on la_code, year | join referrals on la_code) on la_code"),
                 "this join would make more than 3,000 rows", at: "2:67"),
        BadInput("a result beyond the limit", bytes: utf8("set limit 10\nauthorities | take 11"), "this result has more than 10 rows", at: "2:15"),
        // line ends and layout
        BadInput("CRLF line ends", bytes: utf8("authorities\r\n  | take 1\r\n  | select nope\r\n"), "no column named `nope`", at: "3:12"),
        BadInput("a lone CR is not a line end", bytes: utf8("authorities | take 1\rauthorities | select nope"), "unexpected `authorities` in `take`", at: "1:22"),
        BadInput("tabs between words", bytes: utf8("authorities\t|\ttake\t1\t|\tselect\tnope"), "no column named `nope`", at: "1:31"),
        BadInput("the fifth line", bytes: utf8("# a\n\nauthorities | take 1\n\n  authorities | select nope"), "no column named `nope`", at: "5:24"),
        BadInput("a byte-order mark, then an unknown column", bytes: [0xEF, 0xBB, 0xBF] + utf8("authorities | select nope"), "no column named `nope`", at: "1:22"),
    ]

    static let all = statements + generated
}

@Suite("Bad input")
struct BadInputTests {
    @Test("fails with its message at its place, and the engine answers the next statement", arguments: BadInputs.all)
    func failsInPlace(_ input: BadInput) {
        let sink = Hardening.Collector()
        let engine = Hardening.engine(sink: sink)
        let result = engine.run(SourceText(name: "bad.cb", text: String(decoding: input.bytes, as: UTF8.self)))
        let run = Hardening.Run(result: result, stdout: sink.stdout, stderr: sink.stderr, engine: engine)
        #expect(result.failed)
        #expect(!result.cancelled && !result.quit)
        #expect(run.location == input.at, "\(sink.stderr.prefix(600))")
        #expect(run.message?.hasPrefix(input.message) == true, "\(sink.stderr.prefix(600))")
        #expect(engine.transcript.last?.failed == true)

        sink.stdout = ""
        let after = engine.run(SourceText(name: "after.cb", text: "authorities | where la_code = 870 | select la_name"))
        #expect(!after.failed)
        #expect(sink.stdout.contains("Reading"))
    }

    @Test("the table holds at least 200 statements")
    func enough() {
        #expect(BadInputs.statements.count >= 200)
        #expect(BadInputs.all.count >= 300)
    }

    @Test(
        "empty statements and comments are no error and print nothing",
        arguments: ["", ";", ";;;\n;", "\n\n\n", "  \t  ", "# only a comment\n", "#> an output line with no statement\n", "\u{FEFF}"])
    func emptyStatements(_ text: String) {
        let run = Hardening.run(text)
        #expect(!run.result.failed)
        #expect(run.stdout.isEmpty && run.stderr.isEmpty)
    }

    @Test("--keep-going reports every bad statement of a file and runs the good ones")
    func keepGoing() {
        let text = BadInputs.statements.prefix(60).map { String(decoding: $0.bytes, as: UTF8.self) }
            .filter { !$0.contains("\n") && !$0.contains(";") && !$0.hasPrefix("quit") }
            .joined(separator: "\n\n") + "\n\nauthorities | where la_code = 870 | select la_name\n"
        let run = Hardening.run(text, keepGoing: true)
        #expect(run.result.failed)
        #expect(run.stdout.contains("Reading"))
        #expect(run.engine.transcript.filter(\.failed).count >= 40)
    }
}
