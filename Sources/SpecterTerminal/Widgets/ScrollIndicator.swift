/// The thumb at the right edge of a scrolled area: where the view is in the whole.
public enum ScrollIndicator {
    public static func draw(offset: Int, visible: Int, total: Int, palette: Palette, in area: Rect, into buffer: inout CellBuffer) {
        guard total > visible, area.height > 0 else { return }
        let thumb = max(1, area.height * visible / total)
        let top = min(area.height - thumb, (area.height - thumb) * offset / max(1, total - visible))
        for row in 0..<area.height {
            let inThumb = row >= top && row < top + thumb
            buffer.draw(inThumb ? "┃" : "│", at: Point(x: area.maxX - 1, y: area.y + row), style: inThumb ? palette.accent : palette.dim)
        }
    }
}
