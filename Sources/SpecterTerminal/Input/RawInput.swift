/// Input as a backend reads it, before decoding: characters (control characters included), keys the
/// backend itself recognised, mouse reports and resizes. One batch is what was available at once.
public enum RawInput: Hashable, Sendable {
    case scalar(Unicode.Scalar)
    case key(KeyPress)
    case mouse(MouseEvent)
    case resize(Size)
    /// The terminal went away (its input closed).
    case endOfInput
}
