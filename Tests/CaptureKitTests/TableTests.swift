import Testing
@testable import SessionStore

@Suite struct TableTests {
    @Test func csvRowFormatsNumbersWithoutFoundation() {
        var r = CSVRow()
        r.add(12)
        r.add(-0.0004, decimals: 3)
        r.add(-1.2349, decimals: 2)
        r.add(nil, decimals: 2)
        r.add(Double.nan, decimals: 2)
        r.add(3.14159, decimals: 0)
        r.add("tracking")
        #expect(String(decoding: r.finish(), as: UTF8.self) == "12,0.000,-1.23,,,3,tracking\n")
    }

    @Test func tableParsesAndNamesItsProblems() throws {
        let t = try CSVTable(path: "t.csv", text: "a,b,c\n1,2.5,\n3,x,y\n")
        #expect(t.rows.count == 2)
        #expect(try t.double(0, 1) == 2.5)
        #expect(try t.double(0, 2) == nil)
        #expect(throws: CSVTable.FormatError(path: "t.csv", problem: "line 3, column 'b': 'x' is not a number")) {
            _ = try t.double(1, 1)
        }
        #expect(throws: CSVTable.FormatError(path: "u.csv", problem: "line 3 has 2 fields, the header has 3")) {
            _ = try CSVTable(path: "u.csv", text: "a,b,c\n1,2,3\n4,5\n")
        }
        #expect(throws: CSVTable.FormatError.self) {
            _ = try CSVTable(path: "v.csv", text: "a,b\n1,2\n", requiredColumns: ["c"])
        }
    }

    @Test func anUnfinishedLastLineIsIgnored() throws {
        let t = try CSVTable(path: "t.csv", text: "a,b\n1,2\n3,")
        #expect(t.rows.count == 1)
    }

    @Test(arguments: [
        ("Ana María O'Neil", "Ana-Maria-O-Neil"),
        ("../../etc/passwd", "etc-passwd"),
        ("  ", "athlete"),
        (".hidden", "hidden"),
        ("Jo_Smith 2", "Jo_Smith-2"),
    ])
    func athleteNamesBecomeSafePathComponents(name: String, expected: String) {
        #expect(SessionLayout.safeComponent(name) == expected)
    }

    @Test func timelineTagsFramesByTimestamp() {
        var t = SessionTimeline(first: .flat, inclinePercent: 0, at: 100)
        t.setRecording(true, at: 150)
        t.beginStage(.incline, inclinePercent: 5, at: 300)
        t.setRecording(false, at: 400)
        #expect(t.tag(120) == (0, false) as (Int, Bool) || (t.tag(120).stage == 0 && !t.tag(120).recording))
        #expect(t.tag(150).stage == 0 && t.tag(150).recording)
        #expect(t.tag(299).stage == 0 && t.tag(299).recording)
        #expect(t.tag(300).stage == 1 && t.tag(300).recording)
        #expect(t.tag(400).stage == 1 && !t.tag(400).recording)
        #expect(t.stages[1].directory == "incline")
        t.beginStage(.flat, inclinePercent: 0, at: 500)
        #expect(t.stages[2].directory == "flat-2")
    }
}
