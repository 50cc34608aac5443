import Foundation
import Testing
@testable import EdgewiseApp

@Suite struct CommitWriterTests {
    func folder() throws -> String {
        let path = NSTemporaryDirectory() + "edgewise-app-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    @Test func writesAllThreeFilesAndLeavesNoTemporaryFiles() throws {
        let dir = try folder()
        let request = CommitRequest(files: CommitFiles(path: dir + "/m"), modelBytes: [7, 8], recipeJSON: Array("{}".utf8),
                                    report: "r\n", inputModel: dir + "/in.tflite", overwrite: false)
        #expect(try LiteEngine().commit(request).get() == [dir + "/m.tflite", dir + "/m.recipe.json", dir + "/m.report.txt"])
        #expect(FileManager.default.contents(atPath: dir + "/m.tflite") == Data([7, 8]))
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir).sorted() == ["m.recipe.json", "m.report.txt", "m.tflite"])
    }

    @Test func refusesExistingFilesUnlessConfirmed() throws {
        let dir = try folder()
        #expect(FileManager.default.createFile(atPath: dir + "/m.tflite", contents: Data([1])))
        var request = CommitRequest(files: CommitFiles(path: dir + "/m.tflite"), modelBytes: [2], recipeJSON: [], report: "",
                                    inputModel: dir + "/in.tflite", overwrite: false)
        #expect(throws: EngineFailure.self) { try LiteEngine().commit(request).get() }
        #expect(FileManager.default.contents(atPath: dir + "/m.tflite") == Data([1]))
        request.overwrite = true
        _ = try LiteEngine().commit(request).get()
        #expect(FileManager.default.contents(atPath: dir + "/m.tflite") == Data([2]))
    }

    @Test func neverOverwritesTheInputModelEvenWhenConfirmed() throws {
        let dir = try folder()
        #expect(FileManager.default.createFile(atPath: dir + "/in.tflite", contents: Data([9])))
        let request = CommitRequest(files: CommitFiles(path: dir + "/./in.tflite"), modelBytes: [2], recipeJSON: [], report: "",
                                    inputModel: dir + "/in.tflite", overwrite: true)
        #expect(throws: EngineFailure.self) { try LiteEngine().commit(request).get() }
        #expect(FileManager.default.contents(atPath: dir + "/in.tflite") == Data([9]))
    }
}
