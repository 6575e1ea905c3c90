# The six benchmark queries (../shared/bench/queries.md) in Casebook's language,
# as the harness's PROJECT_CMD_Qn hooks. Each runs a short script through the
# release binary with --format csv; the harness exports MEASURES_CSV,
# AUTHORITIES_CSV, WIDE_CSV and the query parameters.


export PROJECT_CMD_STARTUP='"$CASEBOOK_BIN" -c "datasets" > /dev/null'

export PROJECT_CMD_Q1='printf "%s\n" "load \"$MEASURES_CSV\" as m" "m | count" | "$CASEBOOK_BIN" --format csv'

export PROJECT_CMD_Q2='printf "%s\n" "load \"$MEASURES_CSV\" as m" "m | where geographic_level = \"Local authority\" and measure = \"$Q2_MEASURE\" and time_period = $Q2_YEAR and not is_missing(value) | select new_la_code, la_name, value | sort value desc, new_la_code | take 10" | "$CASEBOOK_BIN" --format csv'

export PROJECT_CMD_Q3='printf "%s\n" "load \"$MEASURES_CSV\" as m" "m | where geographic_level = \"Local authority\" and not is_missing(value) | summarise mean = mean(value), median = median(value), min = min(value), max = max(value), count = count(value) by region_name, measure" | "$CASEBOOK_BIN" --format csv'

export PROJECT_CMD_Q4='printf "%s\n" "load \"$MEASURES_CSV\" as m" "load \"$AUTHORITIES_CSV\" as a" "m | where geographic_level = \"Local authority\" and measure = \"$Q4_MEASURE\" and not is_missing(value) | join a on old_la_code = la_code | derive rate_per_10k = value * 10000.0 / population_0_17 | select la_code = old_la_code, la_name, time_period, value, population_0_17, rate_per_10k | sort rate_per_10k desc, la_code, time_period | take 20" | "$CASEBOOK_BIN" --format csv'

export PROJECT_CMD_Q5='printf "%s\n" "load \"$MEASURES_CSV\" as m" "m | where geographic_level = \"Local authority\" and measure = \"$Q5_MEASURE\" | change value over time_period by old_la_code | where not is_missing(value) and not is_missing(value_previous) and value_previous != 0 | derive pct_change = (value - value_previous) * 100.0 / value_previous | select old_la_code, la_name, time_period, prev = value_previous, value, pct_change | sort pct_change desc, old_la_code, time_period | take 20" | "$CASEBOOK_BIN" --format csv'

export PROJECT_CMD_Q6='printf "%s\n" "load \"$WIDE_CSV\" as w" "w | summarise n_rows = count(), avg_headcount = mean(headcount), avg_fsm_pct = mean(fsm_pct), avg_overall_absence_rate = mean(overall_absence_rate), avg_attainment8 = mean(attainment8), avg_spend_per_pupil = mean(spend_per_pupil) by region_name" | "$CASEBOOK_BIN" --format csv'
