import Advisor
import Evaluation
import Testing
@testable import EdgewiseApp

@Suite struct DeltasTests {
    let baseline = Metrics(sizeBytes: 400_000, gzipBytes: 360_000, latencyMs: 0.4, estimateMs: 0.3,
                           top1: ProportionEstimate(successes: 970, total: 1000), samples: 1000, totalSamples: 1000)

    @Test func sizesAndLatenciesAreRelativeChangesAgainstFloat() {
        let run = Metrics(sizeBytes: 100_000, gzipBytes: 90_000, latencyMs: 0.5, estimateMs: 0.15)
        let rows = Deltas.rows(baseline: baseline, run: run, answers: Fixtures.answers, wide: true)
        #expect(rows[0].delta == "▼ -75.0 %" && rows[0].verdict == .better)
        #expect(rows[1].delta == "▼ -75.0 %")
        #expect(rows[2].label == "latency, measured here" && rows[2].delta == "▲ +25.0 %" && rows[2].verdict == .worse)
        #expect(rows[3].label == "latency, estimated for CPU" && rows[3].delta == "▼ -50.0 %")
    }

    @Test func accuracyDropIsJudgedAgainstTheBudget() {
        let within = Metrics(top1: ProportionEstimate(successes: 965, total: 1000), totalSamples: 1000)
        let beyond = Metrics(top1: ProportionEstimate(successes: 950, total: 1000), totalSamples: 1000)
        // 97.0 → 96.5 % is a 0.5 pp drop (inside 1 pp); 97.0 → 95.0 % is 2 pp (outside).
        #expect(Deltas.quality(baseline: baseline, run: within, answers: Fixtures.answers)?.verdict == .better)
        #expect(Deltas.quality(baseline: baseline, run: beyond, answers: Fixtures.answers)?.delta == "▼ -2.0 pp")
        #expect(Deltas.meetsBudget(within, baseline: baseline, answers: Fixtures.answers) == true)
        #expect(Deltas.meetsBudget(beyond, baseline: baseline, answers: Fixtures.answers) == false)
    }

    @Test func intervalOfTheChangeTightensAsSamplesArrive() throws {
        // 90 % measured on 100 and then on 1000 samples, float at 97 %: the change is -7 pp both
        // times; the Wilson half-width shrinks roughly with 1/sqrt(n).
        let early = try #require(Deltas.interval(baseline: baseline, run: Metrics(top1: ProportionEstimate(successes: 90, total: 100))))
        let late = try #require(Deltas.interval(baseline: baseline, run: Metrics(top1: ProportionEstimate(successes: 900, total: 1000))))
        #expect(abs(early.value + 7) < 1e-9 && abs(late.value + 7) < 1e-9)
        let earlyWidth = early.range.upperBound - early.range.lowerBound
        let lateWidth = late.range.upperBound - late.range.lowerBound
        #expect(early.range.contains(-7) && late.range.contains(-7))
        // Normal approximation: 2·1.96·sqrt(0.09/100) = 11.8 pp and 3.7 pp.
        #expect(abs(earlyWidth - 11.8) < 1.5 && abs(lateWidth - 3.7) < 0.2)
    }
}
