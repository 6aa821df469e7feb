// The link's duplicate and gap logic (docs/PROTOCOL.md "Sequence numbers") as sequences of (boot, seq) reports
// and the verdict each must get. Pure values: runs in microseconds, no broker.
#include "link/reportsequence.h"

#include <QtTest>

using namespace cityops;

namespace {
struct Step {
    std::uint64_t boot;
    std::uint64_t seq;
    ReportSequence::Verdict verdict;
    std::uint64_t missing = 0;
    std::uint64_t running = 0;   ///< the boot the gateway's last online status named (0: none heard)
};
constexpr auto F = ReportSequence::Verdict::Fresh;
constexpr auto D = ReportSequence::Verdict::Duplicate;
constexpr auto G = ReportSequence::Verdict::AfterGap;
} // namespace

Q_DECLARE_METATYPE(std::vector<Step>)

class TestReportSequence : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void sequences_data()
    {
        QTest::addColumn<std::vector<Step>>("steps");
        QTest::newRow("in order") << std::vector<Step>{{100, 1, F}, {100, 2, F}, {100, 3, F}};
        QTest::newRow("first report mid-stream is fresh") << std::vector<Step>{{100, 57, F}, {100, 58, F}};
        QTest::newRow("redelivered") << std::vector<Step>{{100, 1, F}, {100, 2, F}, {100, 2, D}, {100, 3, F}};
        QTest::newRow("older than the last") << std::vector<Step>{{100, 5, F}, {100, 3, D}, {100, 6, F}};
        QTest::newRow("one lost") << std::vector<Step>{{100, 1, F}, {100, 3, G, 1}, {100, 4, F}};
        QTest::newRow("many lost") << std::vector<Step>{{100, 1, F}, {100, 1001, G, 999}};
        QTest::newRow("late copy of a lost one after the gap") << std::vector<Step>{{100, 1, F}, {100, 3, G, 1}, {100, 2, D}};
        QTest::newRow("gateway restart numbers from 1") << std::vector<Step>{{100, 40, F}, {200, 1, F}, {200, 2, F}};
        QTest::newRow("restart then a gap") << std::vector<Step>{{100, 40, F}, {200, 1, F}, {200, 4, G, 2}};
        QTest::newRow("straggler of the old boot after restart") << std::vector<Step>{{100, 40, F}, {200, 1, F}, {100, 41, D}, {200, 2, F}};
        QTest::newRow("largest numbers") << std::vector<Step>{{~0ull, ~0ull - 1, F}, {~0ull, ~0ull, F}, {~0ull, ~0ull, D}};
        // The gateway's status names the boot it runs: from then on that boot is the one, whichever way boots compare.
        QTest::newRow("status of the running boot changes nothing")
            << std::vector<Step>{{100, 1, F, 0, 100}, {100, 2, F, 0, 100}, {100, 2, D, 0, 100}, {100, 4, G, 1, 100}};
        QTest::newRow("restarted with its clock set back")
            << std::vector<Step>{{100, 40, F, 0, 100}, {60, 1, F, 0, 60}, {60, 2, F, 0, 60}, {60, 2, D, 0, 60}, {60, 5, G, 2, 60}};
        QTest::newRow("a straggler of the later-numbered boot after it")
            << std::vector<Step>{{100, 40, F, 0, 100}, {60, 1, F, 0, 60}, {100, 41, D, 0, 60}, {60, 2, F, 0, 60}};
        QTest::newRow("a report of a boot the status does not name")
            << std::vector<Step>{{100, 40, F, 0, 100}, {300, 1, D, 0, 100}, {100, 41, F, 0, 100}};
        QTest::newRow("restart while the status was not yet heard, then it is")
            << std::vector<Step>{{100, 40, F}, {60, 1, D}, {60, 2, F, 0, 60}, {60, 3, F, 0, 60}};
    }
    void sequences()
    {
        QFETCH(std::vector<Step>, steps);
        ReportSequence sequence;
        for (size_t i = 0; i < steps.size(); ++i) {
            const Step &s = steps[i];
            const ReportSequence::Check c = sequence.check(s.boot, s.seq, s.running);
            QVERIFY2(c.verdict == s.verdict, qPrintable(QStringLiteral("step %1 (boot %2, seq %3): verdict %4, expected %5")
                                                            .arg(i).arg(s.boot).arg(s.seq).arg(int(c.verdict)).arg(int(s.verdict))));
            QCOMPARE(c.missing, s.missing);
        }
    }
};

QTEST_GUILESS_MAIN(TestReportSequence)
#include "tst_reportsequence.moc"
