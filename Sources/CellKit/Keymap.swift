/// One user action, declared once with the text help shows for it.
public struct ActionInfo<Action: Hashable & Sendable>: Hashable, Sendable {
    /// The action.
    public var action: Action
    /// The full description shown in help ("選択した媒体を開く").
    public var help: String
    /// The short label shown in key-hint bars ("開く"), if any.
    public var hint: String?
    /// The help section the action is listed under, if any.
    public var group: String?

    /// Declares an action.
    public init(_ action: Action, help: String, hint: String? = nil, group: String? = nil) {
        self.action = action
        self.help = help
        self.hint = hint
        self.group = group
    }
}

/// One line of a generated help listing.
public struct HelpEntry: Hashable, Sendable {
    /// The keys bound to the action, as labels ("j Down").
    public var keys: [String]
    /// What the action does.
    public var description: String
    /// The help section, if any.
    public var group: String?

    /// Creates a help entry.
    public init(keys: [String], description: String, group: String? = nil) {
        self.keys = keys
        self.description = description
        self.group = group
    }
}

/// One item of a key-hint bar: a key label and a short action label.
public struct KeyHint: Hashable, Sendable {
    /// The key's label ("Enter").
    public var key: String
    /// What pressing it does, briefly ("開く").
    public var label: String

    /// Creates a hint.
    public init(key: String, label: String) {
        self.key = key
        self.label = label
    }
}

/// Key bindings in the manner of tig: every action is declared once with its
/// help text; keys are bound per scope (a screen) and fall back to a general
/// map; help and key hints are generated from the live bindings, so they
/// cannot go stale.
///
/// `Scope` and `Action` are the caller's types, typically enums of the
/// screens module. Every key is ``Key/normalized`` on the way in.
public struct Keymap<Scope: Hashable & Sendable, Action: Hashable & Sendable>: Sendable {
    /// Why a binding was refused.
    public enum BindingError: Error, Hashable, Sendable {
        /// The action was not declared when the keymap was created.
        case undeclaredAction(Action)
    }

    /// The declared actions in declaration order (the order of help).
    public let actions: [ActionInfo<Action>]
    private let info: [Action: ActionInfo<Action>]
    private var general: [(key: Key, action: Action)] = []
    private var scoped: [Scope: [(key: Key, action: Action)]] = [:]

    /// Creates a keymap with its actions and no bindings. A later
    /// declaration of the same action replaces the help of an earlier one.
    public init(actions: [ActionInfo<Action>]) {
        var seen: [Action: Int] = [:]
        var ordered: [ActionInfo<Action>] = []
        for item in actions {
            if let index = seen[item.action] {
                ordered[index] = item
            } else {
                seen[item.action] = ordered.count
                ordered.append(item)
            }
        }
        self.actions = ordered
        self.info = Dictionary(ordered.map { ($0.action, $0) }, uniquingKeysWith: { _, last in last })
    }

    /// Binds `keys` to `action` in `scope`, or in the general map when
    /// `scope` is nil. A key bound again in the same map is rebound.
    public mutating func bind(_ keys: [Key], to action: Action, in scope: Scope? = nil) throws(BindingError) {
        guard info[action] != nil else {
            throw .undeclaredAction(action)
        }
        for key in keys.map(\.normalized) {
            if let scope {
                var bindings = scoped[scope] ?? []
                bindings.removeAll { $0.key == key }
                bindings.append((key, action))
                scoped[scope] = bindings
            } else {
                general.removeAll { $0.key == key }
                general.append((key, action))
            }
        }
    }

    /// Binds one key to `action` in `scope` (or the general map).
    public mutating func bind(_ key: Key, to action: Action, in scope: Scope? = nil) throws(BindingError) {
        try bind([key], to: action, in: scope)
    }

    /// The action `key` means in `scope`: the scope's binding, else the
    /// general one, else nil.
    public func action(for key: Key, in scope: Scope) -> Action? {
        let key = key.normalized
        if let hit = scoped[scope]?.first(where: { $0.key == key }) {
            return hit.action
        }
        return general.first(where: { $0.key == key })?.action
    }

    /// The keys that trigger `action` in `scope`, in binding order: the
    /// scope's own first, then general keys the scope does not rebind.
    public func keys(for action: Action, in scope: Scope) -> [Key] {
        effectiveBindings(in: scope).filter { $0.action == action }.map(\.key)
    }

    /// The help listing for `scope`, generated from the live bindings: one
    /// entry per declared action that has a key there, in declaration order.
    public func help(for scope: Scope) -> [HelpEntry] {
        let bindings = effectiveBindings(in: scope)
        return actions.compactMap { item in
            let keys = bindings.filter { $0.action == item.action }.map(\.key.label)
            guard !keys.isEmpty else { return nil }
            return HelpEntry(keys: keys, description: item.help, group: item.group)
        }
    }

    /// Key hints for the given actions in `scope`, in the order given: the
    /// first key of each action and its short label (its help when it has
    /// none). Actions with no key in `scope` are left out.
    public func hints(for actions: [Action], in scope: Scope) -> [KeyHint] {
        actions.compactMap { action in
            guard let key = keys(for: action, in: scope).first, let item = info[action] else { return nil }
            return KeyHint(key: key.label, label: item.hint ?? item.help)
        }
    }

    private func effectiveBindings(in scope: Scope) -> [(key: Key, action: Action)] {
        let own = scoped[scope] ?? []
        let ownKeys = Set(own.map(\.key))
        return own + general.filter { !ownKeys.contains($0.key) }
    }
}
