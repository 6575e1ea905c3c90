// Every statement, stage, function and aggregate, with its help. The parser
// learns the stage names here; `help` prints from here; a test runs every
// example against the shipped datasets, so the help cannot go stale.

public enum HelpCatalog {
    public static let statements: [HelpEntry] = [
        HelpEntry(
            "pipeline", .statement, synopsis: "SOURCE | STAGE | STAGE …",
            summary: "Rows flow from a dataset (or a name made with let or load) through stages, left to right.",
            details: [
                "A line that ends with `|`, `,`, an operator or an open bracket or quote continues on the next line; in a script a line that starts with `|` continues the one before."
            ],
            examples: ["referrals | where year = 2016 | sort referrals_rate desc | take 5"]),
        HelpEntry(
            "let", .statement, synopsis: "let NAME = PIPELINE",
            summary: "Keeps a result under a name that later pipelines, describe and completion can use.",
            examples: ["let reading = referrals | for \"Reading\"", "reading | select year, referrals, referrals_rate"]),
        HelpEntry(
            "datasets", .statement, synopsis: "datasets",
            summary: "Lists the shipped datasets and the results kept with let or load, with their size and title.",
            examples: ["datasets"]),
        HelpEntry(
            "describe", .statement, synopsis: "describe NAME",
            summary: "The columns of a dataset with their types, missing values by reason and meaning, and where the figures come from.",
            examples: ["describe referrals"]),
        HelpEntry(
            "profile", .statement, synopsis: "profile NAME",
            summary: "A summary of every column: count, missing by reason, distinct values, min, quartiles, max and mean.",
            examples: ["profile workforce"]),
        HelpEntry(
            "load", .statement, synopsis: "load \"PATH\" [as NAME]",
            summary: "Reads a CSV file: types inferred from the whole column, markers kept as missing values with their reason, bad rows reported with their line numbers.",
            details: [
                "The name defaults to the file's name. `~` is your home folder; a relative path is taken from the current folder, or in a script from the script's folder."
            ],
            examples: []),
        HelpEntry(
            "set", .statement, synopsis: "set OPTION VALUE",
            summary: "Changes a setting: format (table, csv, tsv, json, markdown), rows (a number or all), timer (on, off), width (a number or auto), colour, accessible, sources (on, off), neighbours (2025, 2021), limit (rows).",
            examples: ["set rows 20", "set timer on", "set timer off", "set format table"]),
        HelpEntry(
            "output", .statement, synopsis: "output \"PATH\" | output off",
            summary: "Sends every later result to a file (in the current format) until `output off`.",
            examples: []),
        HelpEntry(
            "once", .statement, synopsis: "once \"PATH\"",
            summary: "Sends only the next result to a file.",
            examples: []),
        HelpEntry(
            "save", .statement, synopsis: "save session NAME",
            summary: "Writes this session's statements and their outputs to sessions/NAME.cb (or to a path in quotes), to replay and check later.",
            examples: []),
        HelpEntry(
            "compare", .statement, synopsis: "compare AUTHORITY on MEASURE [in DATASET] [year Y | years A to B | years all] [neighbours 2021]",
            summary: "An authority's measure beside its statistical neighbours (by name), their mean and median, its region and England, with its rank among all authorities and its quartile — for the latest year, one year, or across years. The dataset is the one with a column of that name.",
            details: [
                "Neighbours come from the DfE's statistical neighbour model (2025 unless `set neighbours 2021` or `neighbours 2021`). A neighbour whose value is missing is shown with its marker and left out of the mean and median, and a note says so.",
                "Rank 1 is the best value by the direction the source states for the measure (high is good or low is good), and the highest where it states none; ties share a rank and the note says how many. Quartile 1 is the best (or highest) quarter of authorities.",
                "MEASURE may be one of LAIT's 434 measures by its short code (`compare \"Reading\" on CP_conf_15days`): its rows of `indicators`, ranked by LAIT's polarity. `help CP_conf_15days` says what it is.",
                "Across years the table has a column per year; notes give the authority's rank and quartile in each year and how its quartile moved. `| chart line` draws it.",
            ],
            examples: [
                "compare \"Reading\" on referrals_rate year 2016",
                "compare \"Reading\" on caseload years 2020 to 2024",
                "compare \"Reading\" on CP_conf_15days years 2019 to 2025",
            ]),
        HelpEntry(
            "scorecard", .statement,
            synopsis: "scorecard AUTHORITY [topic \"TOPIC\" | measures M, M…] [year Y] [neighbours 2021]",
            summary: "An authority's LAIT profile in one table: for every measure of a topic (or the ones listed, or all 434), the latest value, the year before, better or worse by the measure's polarity, the statistical neighbours' mean, the region, England, the rank among all authorities (1 = best) and LAIT's quartile band (A = best quarter).",
            details: [
                "Without `year` each measure shows its latest year with a value for the authority, and a note says which years were used; `year 2019` takes that year for every measure.",
                "travel is better or worse by LAIT's polarity (high is good, low is good); where LAIT gives none it is up or down, and the rank puts the highest value first. Measures LAIT does not band (its No_Quartile) have band z.",
                "A joint return (Kingston upon Thames with Richmond upon Thames in the workforce census) stands for either member, is ranked as one unit, and a note says so. Topics are those of `measures`: `measures | count by topic` lists them.",
                "It is a table like any other: `| where travel = \"worse\"`, `| chart bar measure rank`, `let cp = scorecard …`.",
            ],
            examples: [
                "scorecard \"Reading\" topic \"Child Protection\"",
                "scorecard \"Reading\" measures CPP_rate, ReReferral, CP_conf_15days year 2019",
                "scorecard \"Reading\" topic \"Children Looked After\" | where band = \"D\" | select measure, name, value, england, rank, of",
            ]),
        HelpEntry(
            "forget", .statement, synopsis: "forget NAME",
            summary: "Removes a result kept with let or load.",
            examples: []),
        HelpEntry(
            "help", .statement, synopsis: "help [TOPIC]",
            summary: "Help on a statement, stage or function; `help stages`, `help functions`, `help markers`, `help keys`.",
            examples: ["help where", "help functions"]),
        HelpEntry(
            "quit", .statement, aliases: ["exit"], synopsis: "quit",
            summary: "Leaves Casebook (Ctrl-D on an empty line does the same).",
            examples: []),
    ]

    public static let stages: [HelpEntry] = [
        HelpEntry(
            "where", .stage, aliases: ["filter"], synopsis: "where CONDITION",
            summary: "Keeps the rows for which the condition is true. A comparison with a missing value is not true, so suppressed rows drop out; `is_missing(x)` finds them.",
            examples: [
                "referrals | where year = 2016 and region = \"South East\" | select la_name, referrals",
                "workforce | where caseload > 20 and turnover_pct > 20 | select la_name, year, caseload, turnover_pct",
            ]),
        HelpEntry(
            "select", .stage, synopsis: "select COLUMN, NEW = EXPRESSION, …",
            summary: "Keeps the named columns in the order given; `new = old` renames and `new = expression` computes.",
            examples: ["authorities | select la_code, name = la_name, region | take 3"]),
        HelpEntry(
            "drop", .stage, synopsis: "drop COLUMN, …", summary: "Removes columns.",
            examples: ["authorities | drop ons_code | take 3"]),
        HelpEntry(
            "rename", .stage, synopsis: "rename NEW = OLD, …", summary: "Renames columns, keeping their place.",
            examples: ["authorities | rename code = la_code | take 3"]),
        HelpEntry(
            "derive", .stage, aliases: ["mutate"], synopsis: "derive NAME = EXPRESSION, …",
            summary: "Adds columns (or replaces one of the same name). After `group`, an aggregate works per group: `derive share = referrals / sum(referrals)`.",
            examples: [
                "referrals | where year = 2016 | derive per_child = referrals / 10000 | take 3",
                "referrals | where level = \"Local authority\" and year = 2016 | group region | derive share = round(referrals * 100 / sum(referrals), 1) | select la_name, region, share | take 5",
            ]),
        HelpEntry(
            "sort", .stage, aliases: ["order"], synopsis: "sort KEY [asc|desc], …",
            summary: "Orders rows by one or more keys, ascending unless `desc`. Missing values go last either way; ties keep their order.",
            examples: ["referrals | where year = 2016 | sort region, referrals_rate desc | select region, la_name, referrals_rate | take 5"]),
        HelpEntry(
            "take", .stage, aliases: ["head", "limit"], synopsis: "take N", summary: "The first N rows.",
            examples: ["authorities | take 3"]),
        HelpEntry(
            "skip", .stage, synopsis: "skip N", summary: "All but the first N rows.",
            examples: ["authorities | skip 150"]),
        HelpEntry(
            "distinct", .stage, synopsis: "distinct [COLUMN, …]",
            summary: "One row per distinct combination of the columns (all columns if none are named).",
            examples: ["authorities | distinct region"]),
        HelpEntry(
            "group", .stage, synopsis: "group COLUMN, …",
            summary: "Groups rows for the stages that follow: summarise, count, rank, change, top and aggregates inside derive.",
            examples: ["workforce | where level = \"Local authority\" | group year | summarise median(caseload), mean(turnover_pct)"]),
        HelpEntry(
            "ungroup", .stage, synopsis: "ungroup", summary: "Ends a grouping made by `group`.",
            examples: ["referrals | group region | ungroup | count"]),
        HelpEntry(
            "summarise", .stage, aliases: ["summarize", "aggregate"], synopsis: "summarise [NAME =] AGGREGATE, … [by COLUMN, …]",
            summary: "One row per group with aggregates (count, sum, mean, median, …). Missing values are skipped, and a note under the result says how many and why; another note says when a group mixes England, regional and authority rows (the `level` column).",
            examples: [
                "workforce | where level = \"Local authority\" | summarise median(caseload), mean(turnover_pct) by year",
                "referrals | where level = \"Local authority\" and year = 2016 | summarise n = count(), total = sum(referrals) by region",
            ]),
        HelpEntry(
            "count", .stage, synopsis: "count [by COLUMN, …]",
            summary: "The number of rows, or a frequency table: rows per value, with their percentage.",
            examples: ["authorities | count by region"]),
        HelpEntry(
            "join", .stage, synopsis: "join [left] NAME on KEY[, KEY…]   (KEY: column, or left = right)",
            summary: "Adds the columns of another dataset (or a pipeline in brackets) where the keys match. Inner by default: rows without a partner go; `left` keeps them with missing values. Clashing column names get the other dataset's name as a suffix.",
            examples: [
                "referrals | where year = 2016 | join authorities on la_code | select la_name, type, referrals | take 5",
                "referrals | where year = 2016 | join (population | where year = 2015 | select la_code, children_0_17) on la_code | derive per10k = round(referrals * 10000 / children_0_17, 1) | select la_name, referrals, per10k | take 5",
            ]),
        HelpEntry(
            "rank", .stage, synopsis: "rank [NAME =] EXPRESSION [desc|asc] [by COLUMN, …]",
            summary: "Adds each row's rank, highest first unless `asc`, within its group, with a `tied` column (true when the rank is shared: 1, 2, 2, 4) and a `quartile` column (1 = the best quarter in that order). Rows with a missing value get no rank.",
            examples: ["referrals | where year = 2016 and region = \"South East\" | rank referrals_rate | sort rank | select la_name, referrals_rate, rank, tied | take 5"]),
        HelpEntry(
            "change", .stage, synopsis: "change COLUMN over ORDER [by COLUMN, …]",
            summary: "Adds the previous value in ORDER (within each group), the change and the change in per cent, as COLUMN_previous, COLUMN_change and COLUMN_change_pct.",
            examples: ["referrals | for \"Reading\" | change referrals over year | select year, referrals, referrals_change, referrals_change_pct"]),
        HelpEntry(
            "wider", .stage, synopsis: "wider NAMES_COLUMN VALUES_COLUMN",
            summary: "Long to wide: one new column per distinct value of NAMES_COLUMN, filled from VALUES_COLUMN; the other columns identify the rows.",
            examples: ["referrals | for \"Reading\" | select la_name, year, referrals | wider year referrals"]),
        HelpEntry(
            "longer", .stage, synopsis: "longer COLUMN, … into NAME, VALUE",
            summary: "Wide to long: the listed columns become rows, with their names in NAME and their values in VALUE.",
            examples: ["referrals | for \"Reading\" | where year = 2016 | select la_name, referrals, rereferrals | longer referrals, rereferrals into measure, value"]),
        HelpEntry(
            "top", .stage, synopsis: "top N EXPRESSION [desc|asc] [by COLUMN, …]",
            summary: "The N rows with the highest values (lowest with `asc`) in each group.",
            examples: ["referrals | where year = 2016 and level = \"Local authority\" | top 2 referrals_rate by region | select region, la_name, referrals_rate"]),
        HelpEntry(
            "for", .stage, synopsis: "for AUTHORITY, …",
            summary: "The rows of the named authorities, found by DfE code (870), ONS code (E06000038), or name, loosely (\"bristol\", \"hull\"); England and the regions by name.",
            examples: ["referrals | for \"Reading\", \"England\" | where year = 2016 | select la_name, referrals, referrals_rate"]),
        HelpEntry(
            "as_at", .stage, synopsis: "as_at \"YYYY-MM-DD\" [published | inspected] · as_at YEAR …",
            summary: "Each authority's Ofsted judgement on a date: its latest inspection with an overall judgement published on or before the date — the judgement in force. With `inspected`, the latest inspection carried out by the date, however late its report came out, as Ofsted's 'as at 31 March' tables count. A year alone means 31 March of it.",
            details: [
                "Works on `inspections` (or any table with la_code, published and overall_effectiveness columns; `inspected` also reads inspection_date, the first day on site, which only ILACS rows have — older rows count from publication). An authority with no graded inspection by then is left out, as is one abolished by then, and a note says which.",
                "`inspections | as_at 2025 inspected` gives Ofsted's table of judgements as at 31 March 2025; `as_at 2025` differs where a report came out after the date (Dorset, inspected in March 2025, published in May).",
            ],
            examples: [
                "inspections | as_at \"2016-08-31\" | for \"Reading\" | select la_name, framework, published, overall_effectiveness",
                "inspections | as_at 2025 inspected | count by overall_effectiveness",
            ]),
        HelpEntry(
            "compare", .stage, synopsis: "compare AUTHORITY on MEASURE [year Y | years A to B | years all] [neighbours 2021]",
            summary: "The compare statement on the table before it (filtered or loaded data with la_code, la_name, level and year columns).",
            examples: ["referrals | where year >= 2014 | compare \"Reading\" on referrals_rate years 2014 to 2016"]),
        HelpEntry(
            "chart", .stage,
            synopsis: "chart bar LABEL VALUE · chart line [X Y [by SERIES]] · chart hist VALUE [bins N] · chart scatter X Y … [to \"FILE.svg\"]",
            summary: "Draws the table in the terminal (block or braille characters; ASCII with `set chars ascii`): horizontal bars, lines over years, a histogram, or a scatter of two measures. `to \"FILE.svg\"` also writes it as SVG. In the accessible mode the chart is described in words.",
            details: [
                "chart line with no columns draws a wide table whose columns are years (as `compare … years …` makes), one line per row.",
                "Missing values leave gaps, and a line under the chart counts them by reason.",
            ],
            examples: [
                "referrals | where year = 2016 and region = \"South East\" and level = \"Local authority\" | sort referrals_rate desc | take 8 | chart bar la_name referrals_rate",
                "referrals | for \"Reading\", \"England\" | chart line year referrals_rate by la_name",
                "workforce | where year = 2024 and level = \"Local authority\" | chart hist caseload",
                "workforce | where year = 2024 and level = \"Local authority\" | chart scatter caseload turnover_pct",
            ]),
        HelpEntry(
            "correlate", .stage, synopsis: "correlate X, Y",
            summary: "Pearson's r and Spearman's rho between two measures across the rows, with how many rows were used and how many left out for missing values, and why.",
            examples: ["workforce | where year = 2024 and level = \"Local authority\" | correlate caseload, turnover_pct"]),
        HelpEntry(
            "sources", .stage, synopsis: "sources",
            summary: "Where the table's figures come from: each dataset with its publisher, release, licence and caveats. A join or compare cites all its inputs. `set sources on` prints this under every result; Markdown output adds it as a footnote.",
            examples: ["compare \"Reading\" on referrals_rate year 2016 | sources"]),
        HelpEntry(
            "describe", .stage, synopsis: "describe",
            summary: "Describes the table so far: its columns, types and missing values by reason, and its sources.",
            examples: ["referrals | where year = 2016 | describe"]),
        HelpEntry(
            "profile", .stage, aliases: ["summary"], synopsis: "profile",
            summary: "A summary of every column of the table so far: count, missing by reason, distinct values, min, quartiles, max and mean.",
            examples: ["workforce | where year = 2024 | select caseload, turnover_pct | profile"]),
        HelpEntry(
            "write", .stage, synopsis: "write \"PATH\"",
            summary: "Writes the table to a file, in the format its extension names (.csv, .tsv, .json, .md).",
            examples: []),
    ]

    public static let functions: [HelpEntry] = [
        HelpEntry(
            "round", .function, synopsis: "round(x) · round(x, places)",
            summary: "Rounds half away from zero, on the decimal digits you see (1.005 → 1.01).",
            examples: ["referrals | for \"Reading\" | select year, r = round(referrals_rate)"]),
        HelpEntry("abs", .function, synopsis: "abs(x)", summary: "The value without its sign.", examples: ["authorities | select la_name, a = abs(-la_code) | take 2"]),
        HelpEntry("floor", .function, synopsis: "floor(x)", summary: "The whole number at or below x.", examples: ["referrals | for \"Reading\" | select year, f = floor(referrals_rate) | take 2"]),
        HelpEntry("ceil", .function, synopsis: "ceil(x)", summary: "The whole number at or above x.", examples: ["referrals | for \"Reading\" | select year, c = ceil(referrals_rate) | take 2"]),
        HelpEntry("sqrt", .function, synopsis: "sqrt(x)", summary: "The square root (missing for negative numbers).", examples: ["authorities | select la_name, s = round(sqrt(la_code), 2) | take 2"]),
        HelpEntry("lower", .function, synopsis: "lower(text)", summary: "Text in lower case.", examples: ["authorities | select l = lower(la_name) | take 2"]),
        HelpEntry("upper", .function, synopsis: "upper(text)", summary: "Text in upper case.", examples: ["authorities | select u = upper(la_name) | take 2"]),
        HelpEntry("trim", .function, synopsis: "trim(text)", summary: "Text without leading and trailing spaces.", examples: ["authorities | select t = trim(la_name) | take 2"]),
        HelpEntry("length", .function, synopsis: "length(text)", summary: "The number of characters.", examples: ["authorities | sort length(la_name) desc | select la_name | take 1"]),
        HelpEntry(
            "contains", .function, synopsis: "contains(text, part)", summary: "True when the text holds the part, ignoring case.",
            examples: ["authorities | where contains(la_name, \"shire\") | count"]),
        HelpEntry(
            "starts_with", .function, synopsis: "starts_with(text, prefix)", summary: "True when the text starts with the prefix, ignoring case.",
            examples: ["authorities | where starts_with(la_name, \"north\") | select la_name"]),
        HelpEntry(
            "ends_with", .function, synopsis: "ends_with(text, suffix)", summary: "True when the text ends with the suffix, ignoring case.",
            examples: ["authorities | where ends_with(la_name, \"city of\") | select la_name"]),
        HelpEntry(
            "concat", .function, synopsis: "concat(a, b, …)", summary: "Joins values as text; missing values are left out.",
            examples: ["authorities | select label = concat(la_name, \" (\", la_code, \")\") | take 2"]),
        HelpEntry(
            "coalesce", .function, synopsis: "coalesce(a, b, …)", summary: "The first value that is not missing.",
            examples: ["referrals | where year = 2016 | select la_name, r = coalesce(referrals_rate, 0) | take 2"]),
        HelpEntry(
            "is_missing", .function, synopsis: "is_missing(x)", summary: "True when x is missing, for any reason.",
            examples: ["workforce | where is_missing(agency_pct) | count by year"]),
        HelpEntry(
            "reason", .function, synopsis: "reason(x)",
            summary: "Why x is missing: its marker (c, x, z, u, low, k, .., -) or \"empty\", \"no match\", \"division by zero\"; empty text when x is present.",
            examples: ["workforce | where is_missing(caseload) | select la_name, year, why = reason(caseload) | take 5"]),
        HelpEntry(
            "if", .function, synopsis: "if(condition, then, else)", summary: "One value or the other; missing when the condition is.",
            examples: ["referrals | where year = 2016 | select la_name, band = if(referrals_rate > 600, \"high\", \"other\") | take 3"]),
        HelpEntry(
            "number", .function, synopsis: "number(text)", summary: "A number read from text; markers become missing values with their reason.",
            examples: ["authorities | select n = number(\"1,234\") | take 1"]),
        HelpEntry(
            "text", .function, synopsis: "text(x)", summary: "A value as text.",
            examples: ["authorities | select t = concat(text(la_code), \"!\") | take 1"]),
        HelpEntry(
            "la", .function, synopsis: "la(\"name or code\")", summary: "The DfE code of an authority, found by any name.",
            examples: ["referrals | where la_code = la(\"bristol\") and year = 2016 | select la_name, referrals"]),
    ]

    public static let aggregates: [HelpEntry] = [
        HelpEntry(
            "count", .aggregate, aliases: ["n"], synopsis: "count() · count(x)",
            summary: "Rows in the group, or the values of x that are present.",
            examples: ["workforce | summarise count(), count(caseload) by year"]),
        HelpEntry(
            "count_missing", .aggregate, synopsis: "count_missing(x)", summary: "Values of x that are missing.",
            examples: ["workforce | summarise count_missing(caseload) by year"]),
        HelpEntry(
            "count_distinct", .aggregate, synopsis: "count_distinct(x)", summary: "Distinct present values of x.",
            examples: ["authorities | summarise count_distinct(region)"]),
        HelpEntry("sum", .aggregate, synopsis: "sum(x)", summary: "The total.", examples: ["referrals | where level = \"Local authority\" | summarise sum(referrals) by year"]),
        HelpEntry(
            "mean", .aggregate, aliases: ["avg"], synopsis: "mean(x)", summary: "The arithmetic mean.",
            examples: ["workforce | where level = \"Local authority\" | summarise mean(caseload) by year"]),
        HelpEntry(
            "median", .aggregate, synopsis: "median(x)", summary: "The middle value (the mean of the two middle values for an even count).",
            examples: ["workforce | where level = \"Local authority\" | summarise median(caseload) by region, year | take 5"]),
        HelpEntry("min", .aggregate, synopsis: "min(x)", summary: "The smallest value (text: first in byte order).", examples: ["referrals | summarise min(year), max(year)"]),
        HelpEntry("max", .aggregate, synopsis: "max(x)", summary: "The largest value.", examples: ["referrals | where level = \"Local authority\" | summarise max(referrals_rate) by year"]),
        HelpEntry(
            "stddev", .aggregate, aliases: ["std"], synopsis: "stddev(x)", summary: "The sample standard deviation (missing for fewer than two values).",
            examples: ["workforce | where level = \"Local authority\" | summarise stddev(caseload) by year"]),
        HelpEntry(
            "variance", .aggregate, aliases: ["var"], synopsis: "variance(x)", summary: "The sample variance.",
            examples: ["workforce | where level = \"Local authority\" | summarise variance(caseload) by year"]),
        HelpEntry(
            "quantile", .aggregate, synopsis: "quantile(x, p)", summary: "The value below which a share p (0 to 1) of values falls, interpolated between neighbours.",
            examples: ["workforce | where level = \"Local authority\" | summarise q1 = quantile(caseload, 0.25), q3 = quantile(caseload, 0.75) by year"]),
        HelpEntry(
            "corr", .aggregate, synopsis: "corr(x, y)", summary: "Pearson's correlation over the rows where both are present.",
            examples: ["workforce | where level = \"Local authority\" | summarise corr(caseload, turnover_pct) by year"]),
        HelpEntry(
            "spearman", .aggregate, synopsis: "spearman(x, y)", summary: "Spearman's rank correlation over the rows where both are present.",
            examples: ["workforce | where level = \"Local authority\" | summarise s = round(spearman(caseload, turnover_pct), 3) by year"]),
        HelpEntry(
            "sparkline", .aggregate, synopsis: "sparkline(x)",
            summary: "The values in row order as a small chart in one cell (▁▂▃▄▅▆▇█; a space for a missing value), for a trend column.",
            examples: ["referrals | where level = \"Local authority\" and region = \"South East\" | sort year | summarise trend = sparkline(referrals_rate) by la_name | take 5"]),
        HelpEntry("first", .aggregate, synopsis: "first(x)", summary: "The first present value in row order.", examples: ["referrals | for \"Reading\" | summarise first(referrals), last(referrals)"]),
        HelpEntry("last", .aggregate, synopsis: "last(x)", summary: "The last present value in row order.", examples: ["referrals | for \"Reading\" | summarise last(year)"]),
    ]

    /// All entries, for tests and completion.
    public static var all: [HelpEntry] { statements + stages + functions + aggregates }
}
