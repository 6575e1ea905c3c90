// Hand-built charts shared by the renderer and description tests: a few
// authorities' rates, a series with gaps, negatives, a histogram and a scatter.

@testable import CasebookCore

enum ChartSamples {
    static func point(_ label: String, _ y: Double?, _ reason: MissingReason = .present, x: Double = 0) -> Chart.Point {
        Chart.Point(x: x, y: y, reason: y == nil && reason == .present ? .empty : reason, label: label)
    }

    static func years(_ values: [(Int, Double?)], reason: MissingReason = .notAvailable) -> [Chart.Point] {
        values.map {
            Chart.Point(x: Double($0.0), y: $0.1, reason: $0.1 == nil ? reason : .present, label: String($0.0))
        }
    }

    static let bar = Chart(
        kind: .bar, title: "Referrals rate, 2024", xLabel: "la_name", yLabel: "referrals_rate",
        series: [
            Chart.Series(
                name: "referrals_rate",
                points: [
                    Chart.Point(x: 0, y: 791.7, label: "Reading"),
                    Chart.Point(x: 1, y: 640.2, label: "Slough"),
                    Chart.Point(x: 2, y: nil, reason: .confidential, label: "Windsor and Maidenhead"),
                    Chart.Point(x: 3, y: 250, label: "Wokingham"),
                ])
        ], skipped: [.confidential: 1])

    static let negative = Chart(
        kind: .bar, title: "Change in caseload", xLabel: "la_name", yLabel: "change",
        series: [
            Chart.Series(
                name: "change",
                points: [
                    Chart.Point(x: 0, y: 4, label: "Reading"),
                    Chart.Point(x: 1, y: -2.5, label: "Slough"),
                    Chart.Point(x: 2, y: 0, label: "Bracknell"),
                    Chart.Point(x: 3, y: nil, reason: .noMatch, label: "Wokingham"),
                ])
        ])

    static let twoSeriesBar = Chart(
        kind: .bar, title: "Referrals and re-referrals", xLabel: "la_name", yLabel: "count",
        series: [
            Chart.Series(name: "referrals", points: [point("Reading", 3078), point("Slough", 2512)]),
            Chart.Series(name: "rereferrals", points: [point("Reading", 610), point("Slough", nil, .confidential)]),
        ])

    static let line = Chart(
        kind: .line, title: "Referrals rate per 10,000 children", xLabel: "year", yLabel: "referrals_rate",
        series: [
            Chart.Series(
                name: "Reading",
                points: years([
                    (2015, 465.1), (2016, 839.6), (2017, 886.2), (2018, 700.4), (2019, 650), (2020, 612.3),
                    (2021, nil), (2022, nil), (2023, 760.2), (2024, 791.7),
                ])),
            Chart.Series(
                name: "England",
                points: years([
                    (2015, 548.3), (2016, 532.2), (2017, 548.2), (2018, 552.5), (2019, 544.5), (2020, 534.8),
                    (2021, 494.3), (2022, 538.2), (2023, 542.9), (2024, 518.3),
                ])),
        ], skipped: [.notAvailable: 2])

    static let histogram = Chart(
        kind: .histogram, title: "Caseloads, 2024", xLabel: "caseload", yLabel: "count",
        series: [
            Chart.Series(
                name: "caseload",
                points: [point("10", 4), point("15", 37), point("20", 80), point("25", 21), point("30", 3)])
        ], binEdges: [10, 15, 20, 25, 30, 35], skipped: [.notAvailable: 3, .confidential: 1])

    static let scatter: Chart = {
        var points: [Chart.Point] = []
        for i in 0..<40 {
            let x = 10 + Double(i % 20)
            let y = 8 + x * 0.9 + Double((i * 7) % 11) - 5
            points.append(Chart.Point(x: x, y: y, label: "LA \(i)"))
        }
        return Chart(
            kind: .scatter, title: "Caseload and turnover, 2024", xLabel: "caseload", yLabel: "turnover_pct",
            series: [Chart.Series(name: "authorities", points: points)],
            skipped: [.confidential: 2, .notAvailable: 1])
    }()
}
