import Foundation

/// A stacked bar chart in inline SVG: one bar per bucket, one colour per series.
struct BarChart {
    /// Series names with their CSS colour, bottom first.
    var series: [(name: String, color: String)]
    /// Each bucket: a label and a value per series.
    var buckets: [(label: String, values: [String: Int])]
    var height = 120

    var svg: HTML {
        let width = max(1, buckets.count) * 14
        let top = max(1, buckets.map { $0.values.values.reduce(0, +) }.max() ?? 1)
        var bars = ""
        for (i, bucket) in buckets.enumerated() {
            var y = Double(height)
            for s in series {
                let value = bucket.values[s.name] ?? 0
                guard value > 0 else { continue }
                let h = Double(height) * Double(value) / Double(top)
                y -= h
                bars += String(format: "<rect x=\"%d\" y=\"%.1f\" width=\"11\" height=\"%.1f\" fill=\"%@\"><title>%@: %d %@</title></rect>",
                               i * 14 + 1, y, h, s.color, HTML.escape(bucket.label), value, s.name)
            }
        }
        let legend = series.map { "<span><span class=\"cell\" style=\"background:\(HTML.escape($0.color))\"></span>\(HTML.escape($0.name))</span>" }.joined(separator: " ")
        return HTML(raw: """
            <svg viewBox="0 0 \(width) \(height)" preserveAspectRatio="none" width="100%" height="\(height)" role="img" aria-label="chart">\(bars)
            <line x1="0" y1="\(height)" x2="\(width)" y2="\(height)" stroke="#d0d5dd"/></svg>
            <div class="muted">\(legend) · peak \(top) per hour</div>
            """)
    }
}
