// The words description: exact sentences for small line, bar, histogram and
// scatter charts, number formatting, gaps by reason, and Pearson's r.

import Testing

@testable import CasebookCore

@Suite struct ChartDescriptionTests {
    static let smallLine = Chart(
        kind: .line, title: "Referrals rate", xLabel: "year", yLabel: "referrals_rate",
        series: [
            Chart.Series(
                name: "Reading",
                points: ChartSamples.years([(2015, 465.1), (2016, 839.6), (2017, 886.2), (2018, nil), (2019, 791.7)])),
            Chart.Series(
                name: "England",
                points: ChartSamples.years([(2015, 548.3), (2016, 532.2), (2017, 548.2), (2018, 552.5), (2019, 518.3)])),
        ], skipped: [.notAvailable: 1])

    @Test func smallLineChart() {
        #expect(
            ChartDescription.describe(Self.smallLine)
                == "Line chart: Referrals rate. It shows referrals_rate by year for Reading and England. "
                + "Reading's referrals_rate rose from 465.1 in 2015 to 791.7 in 2019. It peaked at 886.2 in 2017. "
                + "Reading has no value for 2018 (x). "
                + "England's referrals_rate fell from 548.3 in 2015 to 518.3 in 2019. It peaked at 552.5 in 2018. "
                + "In 2019 it was 791.7 for Reading, against 518.3 for England. 1 value was left out: 1 x.")
    }

    @Test func singleUnnamedSeriesTroughAndUnchanged() {
        let chart = Chart(
            kind: .line, title: "", xLabel: "year", yLabel: "children",
            series: [
                Chart.Series(
                    name: "", points: ChartSamples.years([(2020, 1200), (2021, 950.25), (2022, 1200)]))
            ])
        #expect(
            ChartDescription.describe(chart)
                == "Line chart of children by year. children was unchanged at 1,200 from 2020 to 2022. "
                + "It was lowest at 950.3 in 2021.")
    }

    @Test func gapsAreGroupedByReason() {
        let chart = Chart(
            kind: .line, title: "Gaps", xLabel: "year", yLabel: "n",
            series: [
                Chart.Series(
                    name: "Slough",
                    points: ChartSamples.years([(2020, 1), (2021, nil), (2022, nil)])
                        + [
                            Chart.Point(x: 2023, y: nil, reason: .confidential, label: "2023"),
                            Chart.Point(x: 2024, y: 2.5, label: "2024"),
                        ])
            ])
        #expect(
            ChartDescription.describe(chart)
                == "Line chart: Gaps. It shows n by year for Slough. Slough's n rose from 1 in 2020 to 2.5 in 2024. "
                + "Slough has no value for 2021 and 2022 (x); 2023 (c).")
    }

    @Test func barChart() {
        #expect(
            ChartDescription.describe(ChartSamples.bar)
                == "Bar chart: Referrals rate, 2024. It has 4 bars of referrals_rate, one per la_name. "
                + "The highest is Reading, 791.7; the lowest is Wokingham, 250. "
                + "No value for Windsor and Maidenhead (c). 1 value was left out: 1 c.")
        #expect(
            ChartDescription.describe(ChartSamples.twoSeriesBar)
                == "Bar chart: Referrals and re-referrals. It has 2 bars of count, one per la_name. "
                + "For referrals, the highest is Reading, 3,078; the lowest is Slough, 2,512. "
                + "For rereferrals, the only value is Reading, 610. rereferrals has no value for Slough (c).")
    }

    @Test func histogram() {
        #expect(
            ChartDescription.describe(ChartSamples.histogram)
                == "Histogram: Caseloads, 2024. It counts 145 values of caseload in 5 bins from 10 to 35. "
                + "The fullest bin is 20 to 25, with 80 values. 4 values were left out: 3 x, 1 c.")
    }

    @Test func scatterWithCorrelation() {
        let text = ChartDescription.describe(ChartSamples.scatter)
        #expect(
            text
                == "Scatter chart: Caseload and turnover, 2024. It has 40 points of turnover_pct against caseload. "
                + "caseload runs from 10 to 29; turnover_pct from 12 to 38.1. "
                + "Higher caseload tends to go with higher turnover_pct: a strong relationship (Pearson r = 0.86). "
                + "3 points were left out: 2 c, 1 x.")
    }

    @Test func pearson() {
        let r = ChartStatistics.pearson([(1, 2), (2, 4), (3, 5), (4, 4), (5, 5)])!
        #expect(abs(r - 0.7745966692414834) < 1e-12)
        #expect(ChartStatistics.pearson([(1, 1), (2, 2)]) == nil)
        #expect(ChartStatistics.pearson([(1, 3), (2, 3), (3, 3)]) == nil)
        #expect(abs(ChartStatistics.pearson([(1, 3), (2, 2), (3, 1)])! + 1) < 1e-12)
    }

    @Test func numbersFollowTheCap() {
        #expect(ChartNumberFormat.single(465.14, cap: 1) == "465.1")
        #expect(ChartNumberFormat.single(500, cap: 1) == "500")
        #expect(ChartNumberFormat.single(12345.67, cap: 1) == "12,345.7")
        #expect(ChartNumberFormat(values: [0.4231, 0.5]).text(0.4231) == "0.423")
        #expect(ChartNumberFormat(values: [250, 791.7]).text(250) == "250.0")
        #expect(ChartNumberFormat(values: [0.052345]).text(0.052345) == "0.0523")
        #expect(ChartNumberFormat(values: [3.14159]).text(3.14159) == "3.14")
    }
}
