/// A named set of styles, one per `ThemeRole`. Roles a theme leaves out take the built-in default's
/// style (or plain, for the mono theme).
public struct Theme: Equatable, Sendable {
    public var name: String
    public var styles: [ThemeRole: UIStyle]

    public init(name: String, styles: [ThemeRole: UIStyle]) {
        self.name = name
        self.styles = styles
    }

    /// The style of `role`.
    public func style(_ role: ThemeRole) -> UIStyle {
        styles[role] ?? styles[.normal] ?? .plain
    }

    /// The built-in dark theme (what `themes/default.toml` also says): 8 basic colours only, so it
    /// looks the same on an 8-colour console and a 256-colour terminal.
    public static let standard: Theme = {
        func s(_ fg: UInt8?, _ bg: UInt8? = nil, _ attributes: CellAttributes = []) -> UIStyle {
            UIStyle(foreground: fg.map { .indexed($0) } ?? .default, background: bg.map { .indexed($0) } ?? .default,
                    attributes: attributes)
        }
        let black: UInt8 = 0, red: UInt8 = 1, green: UInt8 = 2, yellow: UInt8 = 3, blue: UInt8 = 4,
            magenta: UInt8 = 5, cyan: UInt8 = 6, white: UInt8 = 7
        let styles: [ThemeRole: UIStyle] = [
            .normal: .plain,
            .paneBorder: s(nil, nil, .dim),
            .paneBorderFocused: s(cyan),
            .paneTitle: s(nil, nil, .bold),
            .selection: s(black, cyan),
            .selectionUnfocused: s(nil, nil, .reverse),
            .statusNotStarted: s(nil, nil, .dim),
            .statusInProgress: s(yellow, nil, .bold),
            .statusDone: s(green, nil, .bold),
            .statusFailed: s(red, nil, .bold),
            .statusSkipped: s(nil, nil, .dim),
            .budget: s(cyan),
            .heading: s(blue, nil, .bold),
            .prose: .plain,
            .strong: s(nil, nil, .bold),
            .emphasis: s(nil, nil, .underline),
            .code: s(yellow),
            .link: s(blue, nil, .underline),
            .command: s(green),
            .commandLabel: s(nil, nil, .dim),
            .placeholder: s(magenta, nil, .bold),
            .danger: s(red, nil, .bold),
            .checkbox: s(cyan),
            .checked: s(green),
            .tableBorder: s(nil, nil, .dim),
            .tableHeader: s(nil, nil, .bold),
            .template: s(white),
            .muted: s(nil, nil, .dim),
            .titleBar: s(white, blue, .bold),
            .badgeLive: s(white, red, .bold),
            .badgeDrill: s(black, yellow, .bold),
            .badgeReplay: s(black, cyan, .bold),
            .clock: s(white, blue, .bold),
            .timerNormal: s(white, blue),
            .timerWarning: s(black, yellow, .bold),
            .timerAlarm: s(white, red, .bold),
            .statusBar: s(nil, nil, .reverse),
            .keyHint: s(nil, nil, .reverse),
            .message: s(yellow, nil, .bold),
            .error: s(white, red, .bold),
            .prompt: s(nil, nil, .bold),
            .searchMatch: s(black, yellow),
            .overlay: .plain,
        ]
        return Theme(name: "default", styles: styles)
    }()

    /// No colours at all: attributes only (what `NO_COLOR` gets).
    public static let mono: Theme = {
        var styles: [ThemeRole: UIStyle] = [:]
        for (role, style) in standard.styles {
            var attributes = style.attributes
            // Roles that only a colour told apart get an attribute instead.
            switch role {
            case .selection, .badgeLive, .badgeDrill, .badgeReplay, .timerAlarm, .error, .searchMatch, .titleBar:
                attributes.insert(.reverse)
            case .danger, .statusFailed, .timerWarning, .heading:
                attributes.insert(.bold)
            case .command, .placeholder:
                attributes.insert(.bold)
            default:
                break
            }
            styles[role] = UIStyle(attributes: attributes)
        }
        return Theme(name: "mono", styles: styles)
    }()
}
