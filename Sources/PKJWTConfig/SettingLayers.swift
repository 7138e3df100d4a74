// Settings from several sources at once, each overriding the ones before it (a shared file, the .env
// file, the environment, flags): the value in force for a name is the highest source's. Which names
// exist, and which other names they are known by, is the caller's.

/// Named string settings in layers, lowest precedence first; `Source` names each layer.
public struct SettingLayers<Source: Hashable & Sendable>: Sendable {
    private var layers: [(source: Source, values: [String: String])]

    /// `layers` lowest precedence first; a source appears once.
    public init(_ layers: [(Source, [String: String])]) {
        self.layers = layers.map { (source: $0.0, values: $0.1) }
    }

    /// The value in force for `name`: the highest layer's that sets it.
    public subscript(_ name: String) -> String? { layers.reversed().lazy.compactMap { $0.values[name] }.first }

    /// The layer that gives the value in force for `name`; nil when none sets it.
    public func source(of name: String) -> Source? { layers.last { $0.values[name] != nil }?.source }

    /// True when a layer above `source` sets `name`: a value there outweighs anything written to `source`.
    public func isSet(_ name: String, above source: Source) -> Bool {
        guard let index = layers.firstIndex(where: { $0.source == source }) else { return false }
        return layers[(index + 1)...].contains { $0.values[name] != nil }
    }

    /// The highest layer that sets any of `names`, with those of them it sets: for settings that are
    /// alternatives to each other (a key's file or its value), where the layer decides, not the name.
    public func highest(settingAnyOf names: [String]) -> [String: String]? {
        layers.reversed().lazy.map { layer in layer.values.filter { names.contains($0.key) } }.first { !$0.isEmpty }
    }

    /// Records `value` for `name` in `source`'s layer (after writing it to that source).
    public mutating func set(_ name: String, to value: String, in source: Source) {
        guard let index = layers.firstIndex(where: { $0.source == source }) else { return }
        layers[index].values[name] = value
    }

    /// The settings among `raw` under their own names: for each name, its own entry, else the first of
    /// its aliases that `raw` has; empty values count as unset.
    public static func normalised(_ raw: [String: String], names: [(name: String, aliases: [String])]) -> [String:
        String]
    {
        var out = [String: String]()
        for (name, aliases) in names {
            if let value = ([name] + aliases).lazy.compactMap({ raw[$0] }).first, !value.isEmpty { out[name] = value }
        }
        return out
    }
}
