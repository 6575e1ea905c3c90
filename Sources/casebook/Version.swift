// The version shown by --version and the banner.
enum Version {
    static let text = "0.1.0"
}
