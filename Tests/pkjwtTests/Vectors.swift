import Foundation

/// vectors/ at the repository's top level, for the CLI tests that read published key files.
let vectorsFolder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent().appendingPathComponent("vectors")
func vector(_ path: String) -> String { vectorsFolder.appendingPathComponent(path).path }
