// Which declared stage a parsed stage is, for the resolver, completion and help.

extension Stage.Kind {
    public var word: StageWord {
        switch self {
        case .filter: return .where
        case .select: return .select
        case .drop: return .drop
        case .rename: return .rename
        case .derive: return .derive
        case .sort: return .sort
        case .take: return .take
        case .skip: return .skip
        case .distinct: return .distinct
        case .group: return .group
        case .ungroup: return .ungroup
        case .summarise: return .summarise
        case .count: return .count
        case .join: return .join
        case .rank: return .rank
        case .change: return .change
        case .wider: return .wider
        case .longer: return .longer
        case .top: return .top
        case .authorities: return .for
        case .asAt: return .as_at
        case .describe: return .describe
        case .profile: return .profile
        case .write: return .write
        case .compare: return .compare
        case .chart: return .chart
        case .correlate: return .correlate
        case .sources: return .sources
        case .schema: return .schema
        }
    }
}
