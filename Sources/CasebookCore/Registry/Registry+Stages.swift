// Stages: what can follow `|`. Adding a stage is a case in StageWord, its declaration
// here, its rule in Parser+Stages.swift and its file in Evaluation/Stages/.

extension StageWord: DeclaredWord {
    var declaration: Declaration { Self.table[self]! }

    private static let table: [StageWord: Declaration] = Dictionary(
        uniqueKeysWithValues: allCases.map { ($0, declare($0).named($0.rawValue)) })

    private static func declare(_ word: StageWord) -> Declaration {
        switch word {
        case .`where`:
            return Declaration(
                .stage, aliases: ["filter"], synopsis: "where CONDITION",
                summary: "Keeps the rows for which the condition is true. A comparison with a missing value is not true, so suppressed rows drop out; `is_missing(x)` finds them.",
                examples: [
                    "referrals | where year = 2016 and region = \"South East\" | select la_name, referrals",
                    "workforce | where caseload > 20 and turnover_pct > 20 | select la_name, year, caseload, turnover_pct",
                ])
        case .select:
            return Declaration(
                .stage, synopsis: "select COLUMN, PATTERN*, NEW = EXPRESSION, …",
                summary: "Keeps the named columns in the order given; `new = old` renames and `new = expression` computes.",
                details: [
                    "A name with `*` at its start or end is a pattern for every column it matches, in the table's order (`*_rate`, `referrals*`, `*` for all); it matches whole names, and one that matches nothing is an error before anything runs. `*` at neither end is multiplication.",
                ],
                examples: [
                    "authorities | select la_code, name = la_name, region | take 3",
                    "referrals | for \"Reading\" | where year = 2016 | select la_name, *_rate",
                ])
        case .drop:
            return Declaration(
                .stage, synopsis: "drop COLUMN, PATTERN*, …", summary: "Removes columns (a name with `*` at an end removes every column it matches).",
                examples: ["authorities | drop ons_code | take 3", "referrals | drop *_rate, *_pct | take 2"])
        case .rename:
            return Declaration(
                .stage, synopsis: "rename NEW = OLD, …", summary: "Renames columns, keeping their place.",
                examples: ["authorities | rename code = la_code | take 3"])
        case .derive:
            return Declaration(
                .stage, aliases: ["mutate"], synopsis: "derive NAME = EXPRESSION, …",
                summary: "Adds columns (or replaces one of the same name). After `group`, an aggregate works per group: `derive share = referrals / sum(referrals)`.",
                examples: [
                    "referrals | where year = 2016 | derive per_child = referrals / 10000 | take 3",
                    "referrals | where level = \"Local authority\" and year = 2016 | group region | derive share = round(referrals * 100 / sum(referrals), 1) | select la_name, region, share | take 5",
                ])
        case .sort:
            return Declaration(
                .stage, aliases: ["order"], synopsis: "sort KEY [asc|desc], …",
                summary: "Orders rows by one or more keys, ascending unless `desc`. Missing values go last either way; ties keep their order.",
                examples: ["referrals | where year = 2016 | sort region, referrals_rate desc | select region, la_name, referrals_rate | take 5"])
        case .take:
            return Declaration(
                .stage, aliases: ["head", "limit"], synopsis: "take N", summary: "The first N rows.",
                examples: ["authorities | take 3"])
        case .skip:
            return Declaration(
                .stage, synopsis: "skip N", summary: "All but the first N rows.",
                examples: ["authorities | skip 150"])
        case .distinct:
            return Declaration(
                .stage, synopsis: "distinct [COLUMN, …]",
                summary: "One row per distinct combination of the columns (all columns if none are named).",
                examples: ["authorities | distinct region"])
        case .group:
            return Declaration(
                .stage, synopsis: "group COLUMN, …",
                summary: "Groups rows for the stages that follow: summarise, count, rank, change, top and aggregates inside derive.",
                examples: ["workforce | where level = \"Local authority\" | group year | summarise median(caseload), mean(turnover_pct)"])
        case .ungroup:
            return Declaration(
                .stage, synopsis: "ungroup", summary: "Ends a grouping made by `group`.",
                examples: ["referrals | group region | ungroup | count"])
        case .summarise:
            return Declaration(
                .stage, aliases: ["summarize", "aggregate"], synopsis: "summarise [NAME =] AGGREGATE, … [by KEY, …]   (KEY: column, NAME = EXPRESSION, or EXPRESSION)",
                summary: "One row per group with aggregates (count, sum, mean, median, …). Missing values are skipped, and a note under the result says how many and why; another note says when a group mixes England, regional and authority rows (the `level` column).",
                examples: [
                    "workforce | where level = \"Local authority\" | summarise median(caseload), mean(turnover_pct) by year",
                    "referrals | where level = \"Local authority\" and year = 2016 | summarise n = count(), total = sum(referrals) by region",
                    "referrals | where level = \"National\" | summarise mean(referrals_rate) by recent = year >= 2020",
                ])
        case .count:
            return Declaration(
                .stage, synopsis: "count [by KEY, … [within KEY, …]]   (KEY: column, NAME = EXPRESSION, or EXPRESSION)",
                summary: "The number of rows, or a frequency table: rows per value, with their percentage.",
                details: [
                    "A key may be an expression, named (`by band = if(referrals_rate > 600, \"high\", \"not high\")`) or by its text (`by year >= 2020`), worked out as `derive` would.",
                    "The percent is of all the rows; `within` the first keys, of each of their groups' rows, in a column that says so (`count by region, type within region` gives `percent_of_region`, adding to 100 in each region).",
                ],
                examples: [
                    "authorities | count by region",
                    "authorities | where status = \"current\" | count by region, type within region | take 4",
                ])
        case .join:
            return Declaration(
                .stage, synopsis: "join [left] NAME on KEY[, KEY…]   (KEY: column, or left = right)",
                summary: "Adds the columns of another dataset (or a pipeline in brackets) where the keys match. Inner by default: rows without a partner go; `left` keeps them with missing values. Clashing column names get the other dataset's name as a suffix.",
                examples: [
                    "referrals | where year = 2016 | join authorities on la_code | select la_name, type, referrals | take 5",
                    "referrals | where year = 2016 | join (population | where year = 2015 | select la_code, children_0_17) on la_code | derive per10k = round(referrals * 10000 / children_0_17, 1) | select la_name, referrals, per10k | take 5",
                ])
        case .rank:
            return Declaration(
                .stage, synopsis: "rank [NAME =] EXPRESSION [desc|asc] [by COLUMN, …]",
                summary: "Adds each row's rank, highest first unless `asc`, within its group, with a `tied` column (true when the rank is shared: 1, 2, 2, 4) and a `quartile` column (1 = the best quarter in that order). Rows with a missing value get no rank.",
                details: [
                    "A column whose source says a lower value is better (polarity `low is good` in `help COLUMN`: an Ofsted grade, a re-referral rate) ranks the lowest first, as the best, unless `asc` or `desc` is written; a note says so.",
                ],
                examples: [
                    "referrals | where year = 2016 and region = \"South East\" | rank referrals_rate | sort rank | select la_name, referrals_rate, rank, tied | take 5",
                    "inspections | as_at 2025 | where level = \"Local authority\" and region = \"London\" | rank overall_grade | sort rank | select la_name, overall_effectiveness, rank | take 5",
                ])
        case .change:
            return Declaration(
                .stage, synopsis: "change COLUMN over ORDER [by COLUMN, …]",
                summary: "Adds the previous value in ORDER (within each group), the change and the change in per cent, as COLUMN_previous, COLUMN_change and COLUMN_change_pct.",
                examples: ["referrals | for \"Reading\" | change referrals over year | select year, referrals, referrals_change, referrals_change_pct"])
        case .wider:
            return Declaration(
                .stage, synopsis: "wider NAMES_COLUMN VALUES_COLUMN",
                summary: "Long to wide: one new column per distinct value of NAMES_COLUMN, filled from VALUES_COLUMN; the other columns identify the rows.",
                examples: ["referrals | for \"Reading\" | select la_name, year, referrals | wider year referrals"])
        case .longer:
            return Declaration(
                .stage, synopsis: "longer COLUMN, PATTERN*, … into NAME, VALUE",
                summary: "Wide to long: the listed columns become rows, with their names in NAME and their values in VALUE. A name with `*` at an end stands for every column it matches.",
                examples: [
                    "referrals | for \"Reading\" | where year = 2016 | select la_name, referrals, rereferrals | longer referrals, rereferrals into measure, value",
                    "sources_of_referral | for \"Reading\" | where year = 2024 | select la_name, from_* | longer from_* into source, referrals | take 3",
                ])
        case .top:
            return Declaration(
                .stage, synopsis: "top N EXPRESSION [desc|asc] [by COLUMN, …]",
                summary: "The N rows with the highest values (lowest with `asc`) in each group.",
                examples: ["referrals | where year = 2016 and level = \"Local authority\" | top 2 referrals_rate by region | select region, la_name, referrals_rate"])
        case .`for`:
            return Declaration(
                .stage, synopsis: "for AUTHORITY, …",
                summary: "The rows of the named authorities, found by DfE code (870), ONS code (E06000038), or name, loosely (\"bristol\", \"hull\"); England and the regions by name.",
                examples: ["referrals | for \"Reading\", \"England\" | where year = 2016 | select la_name, referrals, referrals_rate"])
        case .as_at:
            return Declaration(
                .stage, synopsis: "as_at \"YYYY-MM-DD\" [published | inspected] · as_at YEAR …",
                summary: "Each authority's Ofsted judgement on a date: its latest inspection with an overall judgement published on or before the date — the judgement in force. With `inspected`, the latest inspection carried out by the date, however late its report came out, as Ofsted's 'as at 31 March' tables count. A year alone means 31 March of it.",
                details: [
                    "Works on `inspections` (or any table with la_code, published and overall_effectiveness columns; `inspected` also reads inspection_date, the first day on site, which only ILACS rows have — older rows count from publication). An authority with no graded inspection by then is left out, as is one abolished by then, and a note says which.",
                    "`inspections | as_at 2025 inspected` gives Ofsted's table of judgements as at 31 March 2025; `as_at 2025` differs where a report came out after the date (Dorset, inspected in March 2025, published in May).",
                ],
                examples: [
                    "inspections | as_at \"2016-08-31\" | for \"Reading\" | select la_name, framework, published, overall_effectiveness",
                    "inspections | as_at 2025 inspected | count by overall_effectiveness",
                ])
        case .compare:
            return Declaration(
                .stage, synopsis: "compare AUTHORITY on MEASURE [year Y | years A to B | years all] [neighbours 2021]",
                summary: "The compare statement on the table before it (filtered or loaded data with la_code, la_name, level and year columns).",
                examples: ["referrals | where year >= 2014 | compare \"Reading\" on referrals_rate years 2014 to 2016"])
        case .chart:
            return Declaration(
                .stage, synopsis: "chart bar LABEL VALUE · chart line [X Y [by SERIES]] · chart hist VALUE [bins N] · chart scatter X Y … [title \"T\"] [highlight \"A\", …] [to \"FILE.svg\" | \"FILE.png\" | \"FILE.xlsx\"]",
                summary: "Draws the table in the terminal (block or braille characters; ASCII with `set chars ascii`): horizontal bars, lines over years, a histogram, or a scatter of two measures. `to \"FILE.svg\"` also writes it as SVG. In the accessible mode the chart is described in words.",
                details: [
                    "chart line with no columns draws a wide table whose columns are years (as `compare … years …` makes), one line per row.",
                    "Missing values leave gaps, and a line under the chart counts them by reason.",
                    "`title \"…\"` names the chart (by default, the line a comparison shows above its table, or what it draws); `highlight \"Reading\"` picks out bars by their label.",
                    "On a comparison's bars, England and the neighbours' mean are drawn as lines across the bars.",
                ],
                examples: [
                    "referrals | where year = 2016 and region = \"South East\" and level = \"Local authority\" | sort referrals_rate desc | take 8 | chart bar la_name referrals_rate",
                    "referrals | for \"Reading\", \"England\" | chart line year referrals_rate by la_name",
                    "compare \"Reading\" on referrals_rate year 2016 | chart bar name value highlight \"Reading\" title \"Referrals per 10,000 children, 2016\"",
                    "workforce | where year = 2024 and level = \"Local authority\" | chart hist caseload",
                    "workforce | where year = 2024 and level = \"Local authority\" | chart scatter caseload turnover_pct",
                ])
        case .correlate:
            return Declaration(
                .stage, synopsis: "correlate X, Y",
                summary: "Pearson's r and Spearman's rho between two measures across the rows, with how many rows were used and how many left out for missing values, and why.",
                examples: ["workforce | where year = 2024 and level = \"Local authority\" | correlate caseload, turnover_pct"])
        case .sources:
            return Declaration(
                .stage, synopsis: "sources",
                summary: "Where the table's figures come from: each dataset with its publisher, release, licence and caveats. A join or compare cites all its inputs. `set sources on` prints this under every result; Markdown output adds it as a footnote.",
                examples: ["compare \"Reading\" on referrals_rate year 2016 | sources"])
        case .describe:
            return Declaration(
                .stage, synopsis: "describe",
                summary: "Describes the table so far: its columns, types and missing values by reason, and its sources.",
                details: [
                    "For LAIT's figures, each measure the table holds (in `indicators`' `measure` column, or as a column after `wider measure, value`) is named with its units, polarity and year type from LAIT's dictionary; a column named by a measure takes its name and units as description and unit.",
                ],
                examples: [
                    "referrals | where year = 2016 | describe",
                    "indicators | where measure = \"CP_conf_15days\" and year = 2024 | describe",
                ])
        case .profile:
            return Declaration(
                .stage, aliases: ["summary"], synopsis: "profile",
                summary: "A summary of every column of the table so far: count, missing by reason, distinct values, min, quartiles, max and mean.",
                examples: ["workforce | where year = 2024 | select caseload, turnover_pct | profile"])
        case .schema:
            return Declaration(
                .stage, synopsis: "schema",
                summary: "The columns the table so far has, with their types and units, as worked out from the statement: the stages before it do not run.",
                details: [
                    "A column whose name is known only once the figures are read (after `wider`) is shown as `…`."
                ],
                examples: ["referrals | select la_name, year, referrals_rate | derive per_child = referrals_rate / 10000 | schema"])
        case .write:
            return Declaration(
                .stage, synopsis: "write \"PATH\"",
                summary: "Writes the table to a file: .csv, .tsv, .json, .md, .txt or .xlsx, by its extension.",
                examples: [])
        }
    }
}
