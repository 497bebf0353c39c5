#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A C library opened at run time with `dlopen`, for codecs whose headers are not installed
/// (libzstd, liblz4): the process links nothing extra, and a machine without the library only
/// fails when that codec is used, with an error naming the package to install.
///
/// Handles are never closed: each codec opens its library once and keeps it in a global.
struct SharedLibrary: @unchecked Sendable {
    /// The `dlopen` handle (read-only after opening, hence safe to share).
    let handle: UnsafeMutableRawPointer
    /// The file name that was opened, e.g. `libzstd.so.1`.
    let name: String
    /// What the library provides, e.g. `ZSTD`, for error messages.
    let codec: String

    /// Opens the first of `names` that loads; throws naming `package` when none does.
    static func open(_ names: [String], codec: String, package: String) throws(FormatError) -> SharedLibrary {
        var reasons: [String] = []
        for name in names {
            if let handle = dlopen(name, RTLD_NOW | RTLD_LOCAL) {
                return SharedLibrary(handle: handle, name: name, codec: codec)
            }
            if let text = dlerror() { reasons.append(String(cString: text)) }
        }
        throw FormatError(
            .unsupported,
            "\(codec) compression needs the shared library \(names.first ?? codec), which is not installed",
            hint: "install it (Debian/Ubuntu: apt-get install \(package)) or choose another codec",
            underlying: reasons.joined(separator: "; "))
    }

    /// The address of the C function `symbol`, as the function type `T`.
    func function<T>(_ symbol: String, as type: T.Type) throws(FormatError) -> T {
        guard let address = dlsym(handle, symbol) else {
            throw FormatError(
                .unsupported, "\(name) has no function \(symbol); the installed \(codec) library is too old",
                hint: "upgrade the library or choose another codec")
        }
        return unsafeBitCast(address, to: type)
    }
}
