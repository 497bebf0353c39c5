/// An XML element as S3 answers with it: a name, attributes, child elements and text.
public struct XMLNode: Sendable, Hashable {
    /// Element name without namespace prefix.
    public var name: String
    /// Attributes by name.
    public var attributes: [String: String]
    /// Child elements in document order.
    public var children: [XMLNode]
    /// Concatenated text directly inside the element.
    public var text: String

    /// Creates an element.
    public init(name: String, attributes: [String: String] = [:], children: [XMLNode] = [], text: String = "") {
        self.name = name
        self.attributes = attributes
        self.children = children
        self.text = text
    }

    /// The first child named `name`.
    public func child(_ name: String) -> XMLNode? { children.first { $0.name == name } }

    /// Every child named `name`.
    public func children(_ name: String) -> [XMLNode] { children.filter { $0.name == name } }

    /// The text of the first child named `name`.
    public func value(_ name: String) -> String? { child(name)?.text }
}
