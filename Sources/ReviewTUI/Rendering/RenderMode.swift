/// How frames are turned into characters.
public enum RenderMode: String, Sendable, CaseIterable {
    /// Two vertically stacked pixels per cell as `▀` with foreground and background greys
    /// (256-colour terminals with UTF-8): square pixels, twice the vertical resolution.
    case halfBlock = "halfblock"
    /// One pixel per cell as a character of an ASCII density ramp (no colour or no UTF-8).
    case ascii
}
