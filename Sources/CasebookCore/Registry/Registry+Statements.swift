// Statements: what a line can be — a pipeline, or one of the notebook's commands.

extension StatementWord: DeclaredWord {
    var declaration: Declaration { Self.table[self]! }

    private static let table: [StatementWord: Declaration] = Dictionary(
        uniqueKeysWithValues: allCases.map { ($0, declare($0).named($0.rawValue).leftOutOfSessions([.save, .output, .once, .quit].contains($0))) })

    private static func declare(_ word: StatementWord) -> Declaration {
        switch word {
        case .pipeline:
            return Declaration(
                .statement, synopsis: "SOURCE | STAGE | STAGE …",
                summary: "Rows flow from a dataset (or a name made with let or load) through stages, left to right.",
                details: [
                    "A line that ends with `|`, `,`, an operator or an open bracket or quote continues on the next line; in a script a line that starts with `|` continues the one before."
                ],
                examples: ["referrals | where year = 2016 | sort referrals_rate desc | take 5"])
        case .`let`:
            return Declaration(
                .statement, synopsis: "let NAME = PIPELINE",
                summary: "Keeps a result under a name that later pipelines, describe and completion can use.",
                examples: ["let reading = referrals | for \"Reading\"", "reading | select year, referrals, referrals_rate"])
        case .datasets:
            return Declaration(
                .statement, synopsis: "datasets",
                summary: "Lists the shipped datasets and the results kept with let or load, with their size and title.",
                examples: ["datasets"])
        case .describe:
            return Declaration(
                .statement, synopsis: "describe NAME · describe DATASET COLUMN, …",
                summary: "The columns of a dataset with their types, missing values by reason and meaning, and where the figures come from.",
                details: [
                    "`describe DATASET COLUMN, …` says what those columns mean, in full: the description, unit, polarity (which way is better) and source from the dataset's metadata. `help COLUMN` says the same for every dataset with such a column.",
                ],
                examples: ["describe referrals", "describe referrals nfa, nfa_pct"])
        case .profile:
            return Declaration(
                .statement, synopsis: "profile NAME",
                summary: "A summary of every column: count, missing by reason, distinct values, min, quartiles, max and mean.",
                examples: ["profile workforce"])
        case .load:
            return Declaration(
                .statement, synopsis: "load \"PATH\" [as NAME]",
                summary: "Reads a CSV file: types inferred from the whole column, markers kept as missing values with their reason, bad rows reported with their line numbers.",
                details: [
                    "The name defaults to the file's name. `~` is your home folder; a relative path is taken from the current folder, or in a script from the script's folder."
                ],
                examples: [])
        case .set:
            return Declaration(
                .statement, synopsis: "set OPTION VALUE · set OPTION · set",
                summary: "Changes a setting; `set OPTION` shows its value, and `set` alone every setting's value and the values it takes.",
                examples: ["set rows 20", "set timer on", "set timer off", "set format table", "set rows", "set"])
        case .output:
            return Declaration(
                .statement, synopsis: "output \"PATH\" | output off",
                summary: "Sends every later result to a file (in the current format) until `output off`.",
                examples: [])
        case .once:
            return Declaration(
                .statement, synopsis: "once \"PATH\"",
                summary: "Sends only the next result to a file.",
                examples: [])
        case .save:
            return Declaration(
                .statement, synopsis: "save session NAME [replace] · save chart \"FILE.svg\" · save chart \"FILE.png\"",
                summary: "Writes this session's statements and their outputs to sessions/NAME.cb (or to a path in quotes), to replay and check later; `save chart` writes the chart drawn last, without running it again, as SVG, as a PNG for a slide (1600 × 900, drawn by librsvg's rsvg-convert), or as an Excel workbook of its figures with a native chart (.xlsx).",
                details: [
                    "NAME is taken as written, hyphens and dots included (`save session reading-2016`).",
                    "An existing session is never overwritten by accident: add `replace` to write over it. Comments written in the old file are kept.",
                ],
                examples: [])
        case .compare:
            return Declaration(
                .statement, synopsis: "compare AUTHORITY on MEASURE [in DATASET] [year Y | years A to B | years all] [neighbours 2021]",
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
                ])
        case .scorecard:
            return Declaration(
                .statement, synopsis: "scorecard AUTHORITY [topic \"TOPIC\" | measures M, M…] [year Y] [neighbours 2021]",
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
                ])
        case .forget:
            return Declaration(
                .statement, synopsis: "forget NAME",
                summary: "Removes a result kept with let or load.",
                examples: [])
        case .help:
            return Declaration(
                .statement, synopsis: "help [TOPIC] · help COLUMN",
                summary: "Help on a statement, stage or function; `help stages`, `help functions`, `help markers`, `help keys`.",
                details: [
                    "`help COLUMN` says what a column of the shipped datasets means: its description in full, unit, polarity and source, for each dataset that has one of that name. `help MEASURE` describes one of LAIT's measures.",
                ],
                examples: ["help where", "help functions", "help nfa"])
        case .quit:
            return Declaration(
                .statement, aliases: ["exit"], synopsis: "quit",
                summary: "Leaves Casebook (Ctrl-D on an empty line does the same).",
                examples: [])
        }
    }
}
