import Foundation
import Testing

@testable import KadChat

@Suite struct ChatIdentityTests {
    func temporaryPath() -> String {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("kadsim-identity-\(UUID().uuidString)")
        try! FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        return directory.appendingPathComponent("identity").path
    }

    func permissions(_ path: String) -> mode_t {
        var status = stat()
        stat(path, &status)
        return status.st_mode & 0o777
    }

    @Test func createdOnceWithOwnerOnlyPermissionsThenLoaded() throws {
        let path = temporaryPath()
        let (created, isNew) = try ChatIdentity.loadOrCreate(path: path)
        #expect(isNew)
        #expect(permissions(path) == 0o600)
        let (loaded, again) = try ChatIdentity.loadOrCreate(path: path)
        #expect(!again)
        #expect(loaded == created)
        #expect(loaded.noiseStaticKey.rawRepresentation == created.noiseStaticKey.rawRepresentation)
        #expect(ChatIdentity.generate() != created)
    }

    @Test func aFileOthersCanReadIsRefused() throws {
        let path = temporaryPath()
        _ = try ChatIdentity.loadOrCreate(path: path)
        chmod(path, 0o644)
        #expect(throws: ChatIdentityError.tooOpen(path: path, permissions: 0o644)) { try ChatIdentity.load(path: path) }
        #expect("\(ChatIdentityError.tooOpen(path: path, permissions: 0o644))".contains("chmod 600"))
    }

    @Test func aWrongFileIsNamedInOneLine() throws {
        for text in ["", "kadsim-identity-v1\nabc\n", "something else\n" + String(repeating: "ab", count: 32) + "\n",
                     "kadsim-identity-v1\n" + String(repeating: "zz", count: 32) + "\n"] {
            let path = temporaryPath()
            #expect(FileManager.default.createFile(atPath: path, contents: Data(text.utf8), attributes: [.posixPermissions: 0o600]))
            #expect(throws: ChatIdentityError.malformed(path: path)) { try ChatIdentity.load(path: path) }
        }
        let missingDirectory = "/nonexistent-kadsim-dir/identity"
        #expect(throws: ChatIdentityError.unwritable(path: missingDirectory, reason: "No such file or directory")) {
            try ChatIdentity.loadOrCreate(path: missingDirectory)
        }
    }
}
