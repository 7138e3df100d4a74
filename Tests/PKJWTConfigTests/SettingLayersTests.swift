import Testing

@testable import PKJWTConfig

@Suite("SettingLayers: the highest layer that sets a name gives its value")
struct SettingLayersTests {
    enum Source: Hashable, Sendable { case shared, file, environment, flag }

    static let layers = SettingLayers<Source>([
        (.shared, ["A": "shared", "B": "shared", "KEY": "inline"]),
        (.file, ["A": "file", "KEY_FILE": "k.pem"]),
        (.environment, ["C": "environment"]),
        (.flag, [:]),
    ])

    @Test("value and source: the highest layer wins; a name set nowhere has neither")
    func precedence() {
        let layers = Self.layers
        #expect(layers["A"] == "file" && layers.source(of: "A") == .file)
        #expect(layers["B"] == "shared" && layers.source(of: "B") == .shared)
        #expect(layers["C"] == "environment" && layers.source(of: "C") == .environment)
        #expect(layers["D"] == nil && layers.source(of: "D") == nil)
    }

    @Test("isSet(above:): only layers above the one named count")
    func above() {
        let layers = Self.layers
        #expect(!layers.isSet("A", above: .file), "the file's own value")
        #expect(layers.isSet("A", above: .shared))
        #expect(layers.isSet("C", above: .file))
        #expect(!layers.isSet("C", above: .environment))
    }

    @Test("highest(settingAnyOf:): the layer decides between alternatives, not the name")
    func alternatives() {
        // KEY is set lower than KEY_FILE: the file layer, with KEY_FILE only, decides.
        #expect(Self.layers.highest(settingAnyOf: ["KEY", "KEY_FILE"]) == ["KEY_FILE": "k.pem"])
        var layers = Self.layers
        layers.set("KEY", to: "flag value", in: .flag)
        #expect(layers.highest(settingAnyOf: ["KEY", "KEY_FILE"]) == ["KEY": "flag value"])
        #expect(layers.highest(settingAnyOf: ["NONE"]) == nil)
    }

    @Test("set(_:to:in:) changes that layer only")
    func set() {
        var layers = Self.layers
        layers.set("B", to: "new", in: .file)
        #expect(layers["B"] == "new" && layers.source(of: "B") == .file)
        layers.set("B", to: "shared again", in: .shared)
        #expect(layers["B"] == "new", "a lower layer does not override")
    }

    @Test("normalised: the own name before aliases, the first alias next, empty values unset")
    func normalised() {
        let names = [
            (name: "URL", aliases: ["SDK_URL", "OLD_URL"]), (name: "ID", aliases: []), (name: "T", aliases: ["X"]),
        ]
        #expect(SettingLayers<Source>.normalised(["URL": "own", "SDK_URL": "alias"], names: names) == ["URL": "own"])
        #expect(SettingLayers<Source>.normalised(["OLD_URL": "b", "SDK_URL": "a"], names: names) == ["URL": "a"])
        #expect(SettingLayers<Source>.normalised(["ID": "", "X": "x", "OTHER": "o"], names: names) == ["T": "x"])
    }
}
