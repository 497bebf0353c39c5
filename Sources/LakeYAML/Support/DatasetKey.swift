import LakeCore

/// How a dataset is keyed under `datasets:`.
enum DatasetKey {
    /// The dataset's name, or `team/name` when another team has a dataset of the same name.
    static func key(for dataset: DatasetConfig, in datasets: [DatasetConfig]) -> String {
        let shared = datasets.contains { $0.name == dataset.name && $0.team != dataset.team }
        return shared ? "\(dataset.team)/\(dataset.name)" : dataset.name
    }
}
