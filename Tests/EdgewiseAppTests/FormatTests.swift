import Testing
@testable import EdgewiseApp

@Suite struct FormatTests {
    @Test func bytesUseBinaryUnitsWithShortPrecision() {
        #expect(Format.bytes(812) == "812 B")
        #expect(Format.bytes(10_035) == "9.8 KiB")
        #expect(Format.bytes(411_708) == "402 KiB")
        #expect(Format.bytes(3 * 1024 * 1024 + 1024 * 205) == "3.2 MiB")
    }

    @Test func changesCarryTheirSign() {
        #expect(Format.change(104_000, from: 400_000) == "-74.0 %")
        #expect(Format.change(1.5, from: 1.0) == "+50.0 %")
        #expect(Format.change(1, from: 0) == nil)
        #expect(Format.points(-5.66) == "-5.7 pp")
    }

    @Test func groupsThousands() {
        #expect(Format.grouped(1_234_567) == "1,234,567")
        #expect(Format.grouped(999) == "999")
        #expect(Format.grouped(-1000) == "-1,000")
    }
}
