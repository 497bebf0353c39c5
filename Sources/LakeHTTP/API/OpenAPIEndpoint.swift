import Hummingbird
import LakeCore
import LakeRuntime
import NIOCore

/// `GET /api/v1/openapi.json`: the document describing every endpoint and schema.
enum OpenAPIEndpoint {
    static func register(on router: Router<LakeRequestContext>, config: LakeConfig, version: String) {
        let text = OpenAPIDocument.build(config: config, version: version).text
        router.get("/api/v1/openapi.json") { _, _ in
            var headers = HTTPFields()
            headers[.contentType] = "application/json; charset=utf-8"
            return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(string: text)))
        }
    }
}
