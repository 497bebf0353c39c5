import Foundation
import LakeCore
import LakeSigV4
import NIOHTTP1

/// Container credentials (ECS task roles, EKS Pod Identity): `GET` the endpoint with the
/// `Authorization` token (the token file is read anew at each fetch; it wins over
/// `AWS_CONTAINER_AUTHORIZATION_TOKEN`), three tries, 2 s each.
struct ContainerCredentialFetcher {
    let container: AWSCredentialSource.ContainerEndpoint
    let http: MetadataHTTP
    let label: String
    var attempts = 3
    var timeout: Duration = .seconds(2)

    private var hint: String {
        "check \(container.variable) and AWS_CONTAINER_AUTHORIZATION_TOKEN or AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE (set by ECS for a task role, or by EKS Pod Identity)"
    }

    func fetch() async throws -> AWSCredentials {
        let context = ["credentialSource": label]
        var headers: [(String, String)] = []
        if let token = try authorization() { headers.append(("Authorization", token)) }
        var lastFailure = ""
        for attempt in 1...attempts {
            do {
                let answer = try await http.send(.GET, container.url, headers: headers, timeout: timeout)
                if answer.status == 200 {
                    return try CredentialDocument.parse(answer.body, source: label, hint: hint)
                }
                lastFailure = "HTTP \(answer.status)\(Self.message(answer.body).map { " (\($0))" } ?? "")"
                if answer.status < 500 { break }
            } catch let error as LakeError {
                throw error
            } catch {
                lastFailure = "\(error)"
            }
            if attempt < attempts { try await Task.sleep(for: .milliseconds(100 * attempt)) }
        }
        throw LakeError(
            .credentials, "ECS container credentials at \(container.url) (\(container.variable)): \(lastFailure)", hint: hint,
            context: context)
    }

    private func authorization() throws(LakeError) -> String? {
        var token: String?
        if let file = container.authorizationTokenFile {
            do {
                token = try String(contentsOfFile: file, encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines)
            } catch {
                throw LakeError(
                    .credentials, "ECS container credentials: cannot read AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE (\(file))", hint: hint,
                    context: ["credentialSource": label], underlying: SendableErrorBox(error))
            }
        } else {
            token = container.authorizationToken?.reveal()
        }
        if let token, token.contains(where: { $0 == "\r" || $0 == "\n" }) {
            throw LakeError(
                .credentials, "ECS container credentials: the authorization token has a line break", hint: hint,
                context: ["credentialSource": label])
        }
        return token.flatMap { $0.isEmpty ? nil : $0 }
    }

    /// The `message` of an error document (`{"code": ..., "message": ...}`), if any.
    static func message(_ body: Data) -> String? {
        guard let object = (try? JSONSerialization.jsonObject(with: body)) as? [String: Any] else { return nil }
        let parts = [object["code"] ?? object["Code"], object["message"] ?? object["Message"]].compactMap { $0 as? String }
        return parts.isEmpty ? nil : parts.joined(separator: ": ")
    }
}
