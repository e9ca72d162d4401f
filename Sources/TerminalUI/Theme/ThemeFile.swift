/// What a theme file says, before it is merged with the theme it inherits from.
public struct ThemeFile: Equatable, Sendable {
    /// The top-level `name = "..."`, if given.
    public var name: String?
    /// The top-level `inherits = "..."`, if given: where roles the file leaves out come from.
    public var inherits: String?
    /// The line of `inherits`, for messages about it.
    public var inheritsLine: Int
    /// One style per role table in the file; a table defines the whole style of its role (keys left
    /// out mean the default colour and no attribute).
    public var styles: [ThemeRole: UIStyle]
    /// Every mistake found, in file order. A file with errors should not be used.
    public var errors: [ThemeError]

    /// An empty file.
    public init(name: String? = nil, inherits: String? = nil, inheritsLine: Int = 0,
                styles: [ThemeRole: UIStyle] = [:], errors: [ThemeError] = []) {
        self.name = name
        self.inherits = inherits
        self.inheritsLine = inheritsLine
        self.styles = styles
        self.errors = errors
    }

    /// The file's styles over `base`'s: roles the file leaves out keep `base`'s style.
    public func theme(over base: Theme, name fallbackName: String) -> Theme {
        var styles = base.styles
        for (role, style) in self.styles { styles[role] = style }
        return Theme(name: name ?? fallbackName, styles: styles)
    }
}
