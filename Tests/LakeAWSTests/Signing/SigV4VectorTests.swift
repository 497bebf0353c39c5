import Foundation
import LakeAWS
import LakeSigV4
import Testing

/// SigV4 against AWS's published vectors: each step (canonical request, string to sign,
/// Authorization header or presigned query) compared separately, so a failure names the step.
@Suite struct SigV4VectorTests {
    @Test func fixtureLoads() {
        #expect(SigV4Fixture.shared.format == "swiftlake-sigv4-vectors/1")
        #expect(SigV4Fixture.headerCaseNames.count >= 25)
        #expect(SigV4Fixture.presignCaseNames.count >= 1)
    }

    @Test(arguments: SigV4Fixture.headerCaseNames)
    func headerSignatureMatchesPublishedVector(_ name: String) throws {
        let (suite, item) = try #require(SigV4Fixture.lookup(name))
        let (signer, request, date) = try #require(SigV4Fixture.prepare(suite, item))
        let signature = signer.sign(request, at: date)
        #expect(signature.canonical.request == item.canonicalRequest, "canonical request of \(name)")
        if let expected = item.stringToSign {
            #expect(signature.stringToSign == expected, "string to sign of \(name)")
        }
        if let expected = item.authorization {
            #expect(signature.authorization == expected, "authorization of \(name)")
        }
    }

    @Test(arguments: SigV4Fixture.presignCaseNames)
    func presignedQueryMatchesPublishedVector(_ name: String) throws {
        let (suite, item) = try #require(SigV4Fixture.lookup(name))
        let (signer, request, date) = try #require(SigV4Fixture.prepare(suite, item))
        let seconds = try #require(item.presignExpiresSeconds)
        let presigned = signer.presign(request, at: date, expires: .seconds(seconds))
        #expect(presigned.canonical.request == item.canonicalRequest)
        #expect(presigned.stringToSign == item.stringToSign)
        #expect(QueryItem.encode(presigned.query) == item.presignedQuery)
    }

    @Test func sessionTokenIsSentAndSigned() throws {
        let credentials = AWSCredentials(
            accessKeyId: "AKIDEXAMPLE", secretAccessKey: Secret("secret"), sessionToken: Secret("token-value"))
        let signer = SigV4Signer(credentials: credentials, region: "us-east-1", service: "sqs")
        let signature = signer.sign(SigV4Request(method: "POST", host: "sqs.us-east-1.amazonaws.com", path: "/"), at: Date())
        #expect(signature.headers.contains(HeaderField("x-amz-security-token", "token-value")))
        #expect(signature.canonical.signedHeaders == "host;x-amz-date;x-amz-security-token")
    }

    @Test func s3PathsAreNotEncodedTwice() {
        let credentials = AWSCredentials(accessKeyId: "AKID", secretAccessKey: Secret("s"))
        let s3 = SigV4Signer(credentials: credentials, region: "us-east-1", service: "s3")
        let other = SigV4Signer(credentials: credentials, region: "us-east-1", service: "glue")
        let wire = "/" + URIEncoding.encode("a b/ü$+x", keepSlash: true)
        #expect(wire == "/a%20b/%C3%BC%24%2Bx")
        #expect(s3.canonicalURI(wire) == wire)
        #expect(other.canonicalURI(wire) == "/a%2520b/%25C3%25BC%2524%252Bx")
        #expect(s3.canonicalURI("/a/./b//c") == "/a/./b//c", "S3 keys keep dot segments and repeated slashes")
    }

    @Test func timestampsFormatInUTC() {
        let date = Date(timeIntervalSince1970: 1_440_938_160)
        #expect(AWSTimestamp(date).amzDate == "20150830T123600Z")
        #expect(AWSTimestamp(Date(timeIntervalSince1970: 951_782_400)).dateStamp == "20000229")
        #expect(AWSTimestamp(Date(timeIntervalSince1970: -1)).amzDate == "19691231T235959Z")
    }

    @Test func datesParse() {
        #expect(AWSDateFormat.parseISO8601("2015-08-30T12:36:00Z") == Date(timeIntervalSince1970: 1_440_938_160))
        #expect(AWSDateFormat.parseISO8601("2015-08-30T12:36:00.500Z") == Date(timeIntervalSince1970: 1_440_938_160.5))
        #expect(AWSDateFormat.parseISO8601("2015-08-30T14:36:00+02:00") == Date(timeIntervalSince1970: 1_440_938_160))
        #expect(AWSDateFormat.parseHTTPDate("Sun, 30 Aug 2015 12:36:00 GMT") == Date(timeIntervalSince1970: 1_440_938_160))
        #expect(AWSDateFormat.parseISO8601("garbage") == nil)
        #expect(AWSDateFormat.formatISO8601(Date(timeIntervalSince1970: 1_440_938_160.25)) == "2015-08-30T12:36:00.250Z")
    }

    @Test func secretsNeverPrint() {
        let credentials = AWSCredentials(
            accessKeyId: "AKIAIOSFODNN7EXAMPLE", secretAccessKey: Secret("wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"),
            sessionToken: Secret("session-token-value"), source: "environment")
        let texts = [
            "\(credentials)", String(describing: credentials), String(reflecting: credentials),
            "\(credentials.secretAccessKey)", String(reflecting: credentials.secretAccessKey),
        ]
        var dumped = ""
        dump(credentials, to: &dumped)
        for text in texts + [dumped] {
            #expect(!text.contains("wJalrXUtnFEMI"), "leaked in: \(text)")
            #expect(!text.contains("session-token-value"), "leaked in: \(text)")
            #expect(!text.contains("IOSFODNN7EXAMPLE"), "access key id printed whole in: \(text)")
        }
    }
}
