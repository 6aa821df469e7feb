// The green wave bench's split of a trip's time loss: what it counts at signals and elsewhere, read from a SUMO
// network and an fcd trace written here by hand (the bench reads the real ones SUMO writes).
#include "triptrace.h"

#include <QTemporaryDir>
#include <QTest>

using namespace cityops;
using namespace cityops::bench;

namespace {

// Road a runs into the signalised junction S; road b leaves it for the plain junction P; c runs on from P.
const char *kNetwork = R"(<net version="1.16">
  <edge id=":S_0" function="internal"><lane id=":S_0_0" index="0" speed="5.00" length="10.00"/></edge>
  <edge id=":P_0" function="internal"><lane id=":P_0_0" index="0" speed="10.00" length="8.00"/></edge>
  <edge id="a" from="O" to="S" priority="1"><lane id="a_0" index="0" speed="10.00" length="100.00"/></edge>
  <edge id="b" from="S" to="P" priority="1"><lane id="b_0" index="0" speed="10.00" length="100.00"/></edge>
  <edge id="c" from="P" to="E" priority="1"><lane id="c_0" index="0" speed="20.00" length="100.00"/></edge>
  <junction id="O" type="dead_end"/><junction id="S" type="traffic_light"/>
  <junction id="P" type="priority"/><junction id="E" type="dead_end"/>
  <edge id="d" from="E" to="R" priority="1"><lane id="d_0" index="0" speed="10.00" length="50.00"/></edge>
  <junction id="R" type="traffic_light_right_on_red"/>
</net>)";

QString write(const QTemporaryDir &dir, const QString &name, const QByteArray &text)
{
    QFile f(dir.filePath(name));
    if (!f.open(QIODevice::WriteOnly) || f.write(text) != text.size())
        return {};
    return f.fileName();
}

QByteArray trace(const QList<std::pair<QString, double>> &steps)
{
    QByteArray xml = "<fcd-export>\n";
    int t = 0;
    for (const auto &[lane, speed] : steps)
        xml += QStringLiteral("<timestep time=\"%1.00\"><vehicle id=\"ev\" lane=\"%2\" pos=\"1.0\" speed=\"%3\"/>"
                              "<vehicle id=\"car\" lane=\"a_0\" pos=\"1.0\" speed=\"0.00\"/></timestep>\n")
                   .arg(t++).arg(lane).arg(speed).toUtf8();
    return xml + "</fcd-export>\n";
}

} // namespace

class TripTraceTest : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void readsWhichRoadsRunIntoSignals()
    {
        QTemporaryDir dir;
        const auto net = SignalApproaches::read(write(dir, QStringLiteral("n.net.xml"), kNetwork));
        QVERIFY2(net, qPrintable(net.error()));
        QCOMPARE(net->approachEdges, (QSet<QString>{QStringLiteral("a"), QStringLiteral("d")}));   // d: right on red is a signal too
        QCOMPARE(net->signalJunctions, (QSet<QString>{QStringLiteral("S"), QStringLiteral("R")}));
        QCOMPARE(net->laneSpeed.value(QStringLiteral(":S_0_0")), 5.0);
        QCOMPARE(net->laneSpeed.size(), 6);
    }

    void splitsTheLossBetweenSignalsAndTheRest()
    {
        QTemporaryDir dir;
        const auto net = SignalApproaches::read(write(dir, QStringLiteral("n.net.xml"), kNetwork));
        QVERIFY(net);
        // Half speed into the signal (0.5 lost), standing in its junction (1), full speed on b (0), a crawl behind a
        // slow car on b (0.8), slowing through the plain junction (0.5), and on c at 15 of 20 m/s (0.25). The other
        // vehicle in the trace, standing all along, is not counted.
        const QString fcd = write(dir, QStringLiteral("t.fcd.xml"),
                                  trace({{"a_0", 5}, {":S_0_0", 0}, {"b_0", 10}, {"b_0", 2}, {":P_0_0", 5}, {"c_0", 15}}));
        const auto split = splitTimeLoss(fcd, QStringLiteral("ev"), 1.0, net.value());
        QVERIFY2(split, qPrintable(split.error()));
        QCOMPARE(split->seconds, 6);
        QVERIFY(qFuzzyCompare(split->atSignalsS, 1.5));
        QVERIFY(qFuzzyCompare(split->elsewhereS, 1.55));
        // A vehicle that wants to go twice the limit loses against twice the limit; driving above its own wish
        // gains nothing back (SUMO counts no negative loss).
        const auto fast = splitTimeLoss(fcd, QStringLiteral("ev"), 2.0, net.value());
        QVERIFY(fast);
        QVERIFY(qFuzzyCompare(fast->atSignalsS, 0.75 + 1.0));
        QVERIFY(qFuzzyCompare(fast->elsewhereS, 0.5 + 0.9 + 0.75 + 0.625));
        const QString speeding = write(dir, QStringLiteral("s.fcd.xml"), trace({{"a_0", 12}, {"a_0", 5}}));
        const auto over = splitTimeLoss(speeding, QStringLiteral("ev"), 1.0, net.value());
        QVERIFY(over);
        QVERIFY(qFuzzyCompare(over->atSignalsS, 0.5));
    }

    void badFilesAreSaidNotCounted()
    {
        QTemporaryDir dir;
        const auto net = SignalApproaches::read(write(dir, QStringLiteral("n.net.xml"), kNetwork));
        QVERIFY(net);
        const auto missing = splitTimeLoss(dir.filePath(QStringLiteral("none.xml")), QStringLiteral("ev"), 1.0, net.value());
        QVERIFY(!missing);
        QVERIFY2(missing.error().contains(QStringLiteral("cannot read the trace")), qPrintable(missing.error()));
        const auto cut = splitTimeLoss(write(dir, QStringLiteral("cut.xml"), trace({{"a_0", 5}}).left(60)), QStringLiteral("ev"), 1.0,
                                       net.value());
        QVERIFY(!cut);
        QVERIFY2(cut.error().contains(QStringLiteral("not readable XML")), qPrintable(cut.error()));
        const auto otherNetwork = splitTimeLoss(write(dir, QStringLiteral("x.xml"), trace({{"x_0", 5}})), QStringLiteral("ev"), 1.0,
                                                net.value());
        QVERIFY(!otherNetwork);
        QVERIFY2(otherNetwork.error().contains(QStringLiteral("\"x_0\"")), qPrintable(otherNetwork.error()));
        const auto noFactor = splitTimeLoss(write(dir, QStringLiteral("ok.xml"), trace({{"a_0", 5}})), QStringLiteral("ev"), 0, net.value());
        QVERIFY(!noFactor);
        const auto badNetwork = SignalApproaches::read(write(dir, QStringLiteral("bad.net.xml"), QByteArray(kNetwork).left(200)));
        QVERIFY(!badNetwork);
        QVERIFY2(badNetwork.error().contains(QStringLiteral("not readable XML")), qPrintable(badNetwork.error()));
    }
};

QTEST_GUILESS_MAIN(TripTraceTest)
#include "tst_triptrace.moc"
