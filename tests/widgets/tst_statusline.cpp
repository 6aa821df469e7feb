// The status bar's figures on their own (StatusLine in a bare QStatusBar, rendered and read as a person would): the
// recording while the store is checked, and the field gateways a console on a broker hears. The figures of a whole
// desk: tst_mainwindow.
#include "figurelabel.h"
#include "map/mapstyle.h"
#include "statusline.h"

#include <QApplication>
#include <QLabel>
#include <QStatusBar>
#include <QTest>

using namespace cityops;

namespace {

/// A status bar of a desk's width with the status line in it, shown.
struct Bar {
    QStatusBar bar;
    StatusLine line{&bar};
    Bar()
    {
        bar.resize(1400, 32);
        bar.show();
    }
    /// The visible label whose text contains `words`, laid out in its font; null if none.
    const QLabel *label(const QString &words)
    {
        QCoreApplication::sendPostedEvents(nullptr, QEvent::LayoutRequest);
        for (const QLabel *l : bar.findChildren<QLabel *>())
            if (l->isVisible() && l->text().contains(words, Qt::CaseInsensitive))
                return l;
        return nullptr;
    }
    /// The colour of `l`'s left margin as the bar shows it.
    QString marginColour(const QLabel *l)
    {
        QCoreApplication::sendPostedEvents(nullptr, QEvent::LayoutRequest);
        const QImage shot = bar.grab().toImage();
        return shot.pixelColor(l->mapTo(&bar, QPoint(2, l->height() / 2)) * shot.devicePixelRatio()).name();
    }
};

} // namespace

class TestStatusLine : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void theRecordingFigureSaysWhileTheStoreIsChecked()
    {
        // Start-up with a long record: the store is checked before its first write (the session's events wait in
        // memory meanwhile). The bar says so, without colour — nothing is wrong; a damaged store then turns it red.
        QStatusBar bar;
        bar.resize(1400, 32);
        StatusLine line(&bar);
        bar.show();
        QVERIFY(QTest::qWaitForWindowExposed(&bar));
        const auto recordingFigure = [&bar]() -> const QLabel * {
            QCoreApplication::sendPostedEvents(nullptr, QEvent::LayoutRequest);   // measured in its font, laid out
            for (const QLabel *label : bar.findChildren<QLabel *>())
                if (label->isVisible() && label->text().contains(QLatin1String("ecord"), Qt::CaseInsensitive))
                    return label;
            return nullptr;
        };
        const auto marginColour = [&bar](const QLabel *label) {
            QCoreApplication::sendPostedEvents(nullptr, QEvent::LayoutRequest);
            const QImage shot = bar.grab().toImage();
            return shot.pixelColor(label->mapTo(&bar, QPoint(2, label->height() / 2)) * shot.devicePixelRatio()).name();
        };
        StatusLine::Figures figures;
        figures.recording.store = EventStore::Stats{};
        figures.recording.store->checking = true;
        line.show(figures);
        const QLabel *recording = recordingFigure();
        QVERIFY(recording);
        QCOMPARE(recording->text(), QStringLiteral("Recording once the store is checked…"));
        QVERIFY(marginColour(recording) != mapstyle::alarmAmber().name() && marginColour(recording) != mapstyle::alarmRed().name());
        figures.recording.store->checking = false;
        line.show(figures);
        QCOMPARE(recordingFigure()->text(), QStringLiteral("Recording"));
        figures.recording.store->failing = true;
        figures.recording.store->error = QStringLiteral("store /srv/city.store is damaged (database disk image is malformed); it was not written to");
        line.show(figures);
        recording = recordingFigure();
        QVERIFY2(recording->toolTip().contains(QLatin1String("NOT RECORDING: store /srv/city.store is damaged"))
                     || recording->text().startsWith(QLatin1String("NOT RECORDING: store /srv/city.store is damaged")),
                 qPrintable(recording->text() + QLatin1Char('|') + recording->toolTip()));
        QCOMPARE(marginColour(recording), mapstyle::alarmRed().name());
    }

    void aDiskThatFillsIsSaidBeforeTheRecordStops()
    {
        // The record's disk fills at 600 MB an hour with 1.5 GB left: amber, when, and what to do — while someone can
        // still make room. With room for days it is quiet; nearly full and not filling, it says what is left.
        Bar b;
        QVERIFY(QTest::qWaitForWindowExposed(&b.bar));
        const std::int64_t mb = 1024 * 1024;
        StatusLine::Figures figures;
        figures.recording.store = EventStore::Stats{};
        figures.recording.store->disk = DiskOutlook::Outlook{1536 * mb, 9000'000, 600 * mb, true};
        b.line.show(figures);
        const QLabel *recording = b.label(QStringLiteral("disk full in"));
        QVERIFY(recording);
        QCOMPARE(recording->text(), QStringLiteral("Recording · disk full in 2 h 30 min"));
        QCOMPARE(b.marginColour(recording), mapstyle::alarmAmber().name());
        QVERIFY2(recording->toolTip().contains(QLatin1String("1.5 GiB left and fills by 600 MiB an hour"))
                     && recording->toolTip().contains(QLatin1String("--retain-days")),
                 qPrintable(recording->toolTip()));

        figures.recording.store->disk = DiskOutlook::Outlook{300 * mb, std::nullopt, 0, true};
        b.line.show(figures);
        recording = b.label(QStringLiteral("left on its disk"));
        QVERIFY(recording);
        QCOMPARE(recording->text(), QStringLiteral("Recording · 300 MiB left on its disk"));
        QCOMPARE(b.marginColour(recording), mapstyle::alarmAmber().name());

        figures.recording.store->disk = DiskOutlook::Outlook{80'000 * mb, 200 * 3600'000LL, 400 * mb, false};
        b.line.show(figures);
        recording = b.label(QStringLiteral("Recording"));
        QVERIFY(recording);
        QCOMPARE(recording->text(), QStringLiteral("Recording"));
        QVERIFY(b.marginColour(recording) != mapstyle::alarmAmber().name() && b.marginColour(recording) != mapstyle::alarmRed().name());
        QVERIFY2(recording->toolTip().contains(QLatin1String("78 GiB left")), qPrintable(recording->toolTip()));

        // Recording again after events were lost: amber for as long as the console runs, saying how many and where
        // they can be found; with the disk still low, both.
        figures.recording.store->dropped = 6483;
        b.line.show(figures);
        recording = b.label(QStringLiteral("lost"));
        QVERIFY(recording);
        QCOMPARE(recording->text(), QStringLiteral("Recording · 6,483 event(s) lost"));   // "events" with the English catalogue
        QCOMPARE(b.marginColour(recording), mapstyle::alarmAmber().name());
        QVERIFY2(recording->toolTip().contains(QLatin1String("a replay shows")) && recording->toolTip().contains(QLatin1String("78 GiB")) == false,
                 qPrintable(recording->toolTip()));
        figures.recording.store->disk = DiskOutlook::Outlook{300 * mb, std::nullopt, 0, true};
        b.line.show(figures);
        recording = b.label(QStringLiteral("lost"));
        QVERIFY(recording);
        QCOMPARE(recording->text(), QStringLiteral("Recording · 300 MiB left on its disk · 6,483 event(s) lost"));
        QVERIFY2(recording->toolTip().contains(QLatin1String("--retain-days")) && recording->toolTip().contains(QLatin1String("a replay shows")),
                 qPrintable(recording->toolTip()));
    }

    void aGoneGatewayIsNamedOnTheLinksFigure()
    {
        // Two district gateways on a broker: while both run the link's figure is calm and its tooltip lists them;
        // once one is gone the figure counts it, in amber, and the tooltip says which and when it was last heard.
        Bar b;
        QVERIFY(QTest::qWaitForWindowExposed(&b.bar));
        b.line.showLink(LinkStatus::network(LinkState::Connected, QStringLiteral("mqtts://broker:8883")));
        // Last heard as the console's clock tells time: in the city's zone, not the machine's.
        const QTimeZone berlin("Europe/Berlin");
        const std::int64_t heard = QDateTime(QDate(2026, 12, 5), QTime(8, 12, 3), berlin).toMSecsSinceEpoch();
        std::vector<GatewaySummary> gateways{{QStringLiteral("gw-east"), true, true, heard, 720, {QStringLiteral("East")}, {}},
                                             {QStringLiteral("gw-fleet"), false, false, 0, 0, {}, {}},
                                             {QStringLiteral("gw-west"), true, true, heard, 723, {QStringLiteral("West")}, {}}};
        b.line.showGateways(gateways, berlin);
        const QLabel *link = b.label(QStringLiteral("Link:"));
        QVERIFY(link);
        QVERIFY2(!link->text().contains(QLatin1String("gone")), qPrintable(link->text()));
        QVERIFY(b.marginColour(link) != mapstyle::alarmAmber().name());
        QVERIFY2(link->toolTip().contains(QStringLiteral("gw-east (East) — running, 720 device(s)"))
                     && link->toolTip().contains(QStringLiteral("gw-fleet (whole city) — no status heard, 0 device(s)")),
                 qPrintable(link->toolTip()));

        gateways[2].running = false;
        gateways[2].devices = 0;
        b.line.showGateways(gateways, berlin);
        link = b.label(QStringLiteral("Link:"));
        QCOMPARE(link->text(), QStringLiteral("Link: connected · 1 gateway(s) gone"));   // the address gives way to the news
        QVERIFY2(link->toolTip().startsWith(QStringLiteral("Link: mqtts://broker:8883 — connected\nField gateways:")), qPrintable(link->toolTip()));
        QVERIFY2(link->toolTip().contains(QStringLiteral("gw-west (West) — GONE, last heard 08:12:03")), qPrintable(link->toolTip()));
        QCOMPARE(b.marginColour(link), mapstyle::alarmAmber().name());
    }

    void aGatewayWhoseClockRefusesTheDesksCommandsIsNamed()
    {
        // Before anyone sends a command and wonders why it is refused: a running gateway whose clock is more than
        // 30 s off this desk's is named on the link's figure, in amber; a few seconds off only in its tooltip line;
        // a gone gateway's clock is not news.
        Bar b;
        QVERIFY(QTest::qWaitForWindowExposed(&b.bar));
        b.line.showLink(LinkStatus::network(LinkState::Connected, QStringLiteral("mqtts://broker:8883")));
        const QTimeZone berlin("Europe/Berlin");
        std::vector<GatewaySummary> gateways{{QStringLiteral("gw-east"), true, true, 1, 720, {QStringLiteral("East")}, -3000},
                                             {QStringLiteral("gw-west"), true, true, 1, 723, {QStringLiteral("West")}, -8000}};
        b.line.showGateways(gateways, berlin);
        const QLabel *link = b.label(QStringLiteral("Link:"));
        QVERIFY(link);
        QVERIFY2(!link->text().contains(QLatin1String("clock")), qPrintable(link->text()));
        QVERIFY(b.marginColour(link) != mapstyle::alarmAmber().name());
        QVERIFY2(link->toolTip().contains(QStringLiteral("gw-west (West) — running, 723 device(s), clock 8 s behind (its reports dated on arrival)")),
                 qPrintable(link->toolTip()));
        QVERIFY2(link->toolTip().contains(QStringLiteral("gw-east (East) — running, 720 device(s)\n")), qPrintable(link->toolTip()));

        gateways[1].clockAheadMs = -42'000;
        b.line.showGateways(gateways, berlin);
        link = b.label(QStringLiteral("Link:"));
        QVERIFY2(link->text() == QStringLiteral("Link: connected · gw-west clock 42 s behind"), qPrintable(link->text()));
        QCOMPARE(b.marginColour(link), mapstyle::alarmAmber().name());
        QVERIFY2(link->toolTip().contains(QStringLiteral("clock 42 s behind: it refuses this desk's commands as issued in its future")),
                 qPrintable(link->toolTip()));

        gateways[1].clockAheadMs = 2 * 3600'000 + 5 * 60'000;
        b.line.showGateways(gateways, berlin);
        link = b.label(QStringLiteral("Link:"));
        QVERIFY2(link->text() == QStringLiteral("Link: connected · gw-west clock 2 h 05 min ahead"), qPrintable(link->text()));
        QCOMPARE(b.marginColour(link), mapstyle::alarmAmber().name());

        gateways[0].clockAheadMs = 40'000;   // two of them, two hours apart: neither blames this desk; both counted
        b.line.showGateways(gateways, berlin);
        link = b.label(QStringLiteral("Link:"));
        QVERIFY2(link->text() == QStringLiteral("Link: connected · gw-east clock 40 s ahead (+1 more)"), qPrintable(link->text()));
        gateways[0].clockAheadMs = -3000;

        gateways[1].running = false;   // gone: amber for that, not for its clock
        b.line.showGateways(gateways, berlin);
        link = b.label(QStringLiteral("Link:"));
        QVERIFY2(!link->text().contains(QLatin1String("clock")) && !link->toolTip().contains(QLatin1String("clock")), qPrintable(link->toolTip()));
        gateways[1].running = true;
        gateways[1].clockAheadMs = 30'000;   // at the limit, not past it
        b.line.showGateways(gateways, berlin);
        link = b.label(QStringLiteral("Link:"));
        QVERIFY2(!link->text().contains(QLatin1String("clock")), qPrintable(link->text()));
        QVERIFY(b.marginColour(link) != mapstyle::alarmAmber().name());
    }

    void aGatewayHoldingOtherKeyringsIsNamed()
    {
        // A gateway that was not given the keyrings this console holds (a desk added or taken out, the file not copied
        // to it): named on the link's figure in amber, which keyring in its tooltip line with what to do; a gone
        // gateway's keyrings are not news.
        Bar b;
        QVERIFY(QTest::qWaitForWindowExposed(&b.bar));
        b.line.showLink(LinkStatus::network(LinkState::Connected, QStringLiteral("mqtts://broker:8883")));
        const QTimeZone berlin("Europe/Berlin");
        std::vector<GatewaySummary> gateways{{QStringLiteral("gw-east"), true, true, 1, 720, {QStringLiteral("East")}, {}},
                                             {QStringLiteral("gw-west"), true, true, 1, 723, {QStringLiteral("West")}, {}}};
        b.line.showGateways(gateways, berlin);
        const QLabel *link = b.label(QStringLiteral("Link:"));
        QVERIFY(link && !link->text().contains(QLatin1String("keyring")) && !link->toolTip().contains(QLatin1String("keyring")));
        QVERIFY(b.marginColour(link) != mapstyle::alarmAmber().name());

        gateways[1].consoleKeysDiffer = true;
        b.line.showGateways(gateways, berlin);
        link = b.label(QStringLiteral("Link:"));
        QVERIFY2(link->text() == QStringLiteral("Link: connected · gw-west console keyring differs"), qPrintable(link->text()));
        QCOMPARE(b.marginColour(link), mapstyle::alarmAmber().name());
        QVERIFY2(link->toolTip().contains(QStringLiteral("gw-west (West) — running, 723 device(s), holds another console keyring than this console: give "
                                                         "it this console's (consoles.json, approvers.json)")),
                 qPrintable(link->toolTip()));

        gateways[0].approverKeysDiffer = true;
        gateways[1].approverKeysDiffer = true;
        b.line.showGateways(gateways, berlin);
        link = b.label(QStringLiteral("Link:"));
        QVERIFY2(link->text() == QStringLiteral("Link: connected · gw-east approver keyring differs (+1 more)"), qPrintable(link->text()));
        QVERIFY2(link->toolTip().contains(QStringLiteral("gw-west (West) — running, 723 device(s), holds other console and approver keyrings than this console")),
                 qPrintable(link->toolTip()));

        gateways[0].consoleKeysDiffer = true;
        b.line.showGateways(gateways, berlin);
        link = b.label(QStringLiteral("Link:"));
        QVERIFY2(link->text() == QStringLiteral("Link: connected · gw-east keyrings differ (+1 more)"), qPrintable(link->text()));

        gateways[0].running = gateways[1].running = false;   // gone: amber for that, not for its keyrings
        b.line.showGateways(gateways, berlin);
        link = b.label(QStringLiteral("Link:"));
        QVERIFY2(link->text() == QStringLiteral("Link: connected · 2 gateway(s) gone"), qPrintable(link->text()));
        QVERIFY2(!link->toolTip().contains(QLatin1String("keyring")), qPrintable(link->toolTip()));
    }

    void aDeskHoldingOtherKeyringsIsNamed()
    {
        // Another desk of the room whose signed status says it believes other keys (the admin changed one desk's
        // consoles.json and not the other's): named on the link's figure in amber, which keyring and what to do in
        // the tooltip, after a gateway's news; gone when they hold the same again.
        Bar b;
        QVERIFY(QTest::qWaitForWindowExposed(&b.bar));
        b.line.showLink(LinkStatus::network(LinkState::Connected, QStringLiteral("mqtts://broker:8883")));
        LinkCounters c;
        b.line.showLinkTrouble(c, 0);
        const QLabel *link = b.label(QStringLiteral("Link:"));
        QVERIFY(link && !link->text().contains(QLatin1String("keyring")) && !link->toolTip().contains(QLatin1String("keyring")));
        QVERIFY(b.marginColour(link) != mapstyle::alarmAmber().name());

        c.consolesOtherKeys = {{QStringLiteral("desk-2"), true, false}, {QStringLiteral("desk-3"), true, true}};
        b.line.showLinkTrouble(c, 0);
        link = b.label(QStringLiteral("Link:"));
        QVERIFY2(link->text() == QStringLiteral("Link: connected · desk-2 console keyring differs (+1 more)"), qPrintable(link->text()));
        QCOMPARE(b.marginColour(link), mapstyle::alarmAmber().name());
        QVERIFY2(link->toolTip().contains(QStringLiteral("Other consoles:\ndesk-2 holds another console keyring than this console: give both desks the "
                                                         "same (consoles.json, approvers.json)\ndesk-3 holds other console and approver keyrings")),
                 qPrintable(link->toolTip()));
        const QTimeZone berlin("Europe/Berlin");
        std::vector<GatewaySummary> gateways{{QStringLiteral("gw-west"), true, true, 1, 723, {QStringLiteral("West")}, {}}};
        gateways[0].approverKeysDiffer = true;
        b.line.showGateways(gateways, berlin);
        link = b.label(QStringLiteral("Link:"));
        // The bar's width cuts it short (the figure says it whole, as its tooltip does): a gateway's news first.
        const auto *figure = dynamic_cast<const FigureLabel *>(link);
        QVERIFY(figure);
        QVERIFY2(figure->figure() == QStringLiteral("Link: connected · gw-west approver keyring differs · desk-2 console keyring differs (+1 more)"),
                 qPrintable(figure->figure()));
        QVERIFY2(link->text().startsWith(QStringLiteral("Link: connected · gw-west")), qPrintable(link->text()));

        gateways[0].approverKeysDiffer = false;
        b.line.showGateways(gateways, berlin);
        c.consolesOtherKeys.clear();
        b.line.showLinkTrouble(c, 0);
        link = b.label(QStringLiteral("Link:"));
        QVERIFY2(!link->text().contains(QLatin1String("keyring")) && !link->toolTip().contains(QLatin1String("keyring")), qPrintable(link->toolTip()));
        QVERIFY(b.marginColour(link) != mapstyle::alarmAmber().name());
    }

    void anotherDeskWhoseRecordingStoppedIsNamed()
    {
        // A desk's status bar is seen only at that desk: the others name it, from its signed status (MqttLink), the
        // one that records nothing first, with its store's words in the tooltip.
        Bar b;
        QVERIFY(QTest::qWaitForWindowExposed(&b.bar));
        b.line.showLink(LinkStatus::network(LinkState::Connected, QStringLiteral("mqtts://broker:8883")));
        LinkCounters c;
        c.consolesRecordingTrouble = {{QStringLiteral("desk-2"), true, QStringLiteral("database or disk is full")}, {QStringLiteral("desk-3"), false, {}}};
        b.line.showLinkTrouble(c, 0);
        const QLabel *link = b.label(QStringLiteral("Link:"));
        QVERIFY(link);
        QVERIFY2(link->text() == QStringLiteral("Link: connected · desk-2 not recording (+1 more)"), qPrintable(link->text()));
        QCOMPARE(b.marginColour(link), mapstyle::alarmAmber().name());
        QVERIFY2(link->toolTip().contains(QStringLiteral("desk-2 records nothing (database or disk is full): what is done there is not in the "
                                                         "room's record until it is mended\ndesk-3's recording is at risk (its disk is low, "
                                                         "or it lost events): see its status bar")),
                 qPrintable(link->toolTip()));
        c.consolesRecordingTrouble = {{QStringLiteral("desk-3"), false, {}}};
        b.line.showLinkTrouble(c, 0);
        link = b.label(QStringLiteral("Link:"));
        QVERIFY2(link->text() == QStringLiteral("Link: connected · desk-3 recording at risk"), qPrintable(link->text()));
        c.consolesRecordingTrouble.clear();
        b.line.showLinkTrouble(c, 0);
        link = b.label(QStringLiteral("Link:"));
        QVERIFY2(!link->text().contains(QLatin1String("record")) && !link->toolTip().contains(QLatin1String("record")), qPrintable(link->toolTip()));
        QVERIFY(b.marginColour(link) != mapstyle::alarmAmber().name());
    }

    void whenEveryClockAgreesAgainstThisDesksThisDeskIsNamed()
    {
        // Both gateways' clocks run 42 s ahead of this desk's: it is this desk that runs behind, and naming a gateway
        // would send someone to set a clock that is right.
        Bar b;
        QVERIFY(QTest::qWaitForWindowExposed(&b.bar));
        b.line.showLink(LinkStatus::network(LinkState::Connected, QStringLiteral("mqtts://broker:8883")));
        const QTimeZone berlin("Europe/Berlin");
        std::vector<GatewaySummary> gateways{{QStringLiteral("gw-east"), true, true, 1, 720, {QStringLiteral("East")}, 42'000},
                                             {QStringLiteral("gw-west"), true, true, 1, 723, {QStringLiteral("West")}, 42'000}};
        b.line.showGateways(gateways, berlin);
        const QLabel *link = b.label(QStringLiteral("Link:"));
        QVERIFY(link);
        QVERIFY2(link->text() == QStringLiteral("Link: connected · this desk's clock 42 s behind"), qPrintable(link->text()));
        QCOMPARE(b.marginColour(link), mapstyle::alarmAmber().name());
        QVERIFY2(link->toolTip().contains(QStringLiteral("This desk's clock is likely the one off: 42 s behind every other clock it judges "
                                                         "(gw-east, gw-west).")),
                 qPrintable(link->toolTip()));
        QVERIFY2(link->toolTip().contains(QStringLiteral("gw-west (West) — running, 723 device(s), clock 42 s ahead (its reports dated on arrival)")),
                 qPrintable(link->toolTip()));
        QVERIFY2(!link->toolTip().contains(QStringLiteral("set its clock")), qPrintable(link->toolTip()));

        // One clock of the field in step with this desk's: two clocks apart, each gateway named as before.
        gateways.push_back({QStringLiteral("gw-south"), true, true, 1, 700, {QStringLiteral("South")}, 600});
        b.line.showGateways(gateways, berlin);
        link = b.label(QStringLiteral("Link:"));
        QVERIFY2(link->text() == QStringLiteral("Link: connected · gw-east clock 42 s ahead (+1 more)"), qPrintable(link->text()));
        QVERIFY2(!link->toolTip().contains(QStringLiteral("This desk's clock")), qPrintable(link->toolTip()));

        // One gateway alone cannot say; another desk refused for its clock by as much can.
        gateways.resize(1);
        b.line.showGateways(gateways, berlin);
        QVERIFY2(b.label(QStringLiteral("Link:"))->text() == QStringLiteral("Link: connected · gw-east clock 42 s ahead"), qPrintable(b.label(QStringLiteral("Link:"))->text()));
        LinkCounters c;
        c.consolesOffClock = {{QStringLiteral("desk-2"), 41'000}};
        b.line.showLinkTrouble(c, 0);
        link = b.label(QStringLiteral("Link:"));
        QVERIFY2(link->text() == QStringLiteral("Link: connected · this desk's clock 41 s behind"), qPrintable(link->text()));
        QVERIFY2(link->toolTip().contains(QStringLiteral("(gw-east, desk-2)")), qPrintable(link->toolTip()));
        const QLabel *trouble = b.label(QStringLiteral("refused for this desk's clock"));
        QVERIFY(trouble);
        QVERIFY2(trouble->text() == QStringLiteral("operations of 1 console(s) refused for this desk's clock"), qPrintable(trouble->text()));
        QCOMPARE(b.marginColour(trouble), mapstyle::alarmAmber().name());
        c.consolesOffClock.clear();
        b.line.showLinkTrouble(c, 0);
        QVERIFY2(b.label(QStringLiteral("Link:"))->text() == QStringLiteral("Link: connected · gw-east clock 42 s ahead"), qPrintable(b.label(QStringLiteral("Link:"))->text()));

        // No gateway at all, two desks refused for their clocks by as much: this desk's, in amber.
        b.line.showGateways({}, berlin);
        c.consolesOffClock = {{QStringLiteral("desk-2"), -45'000}, {QStringLiteral("desk-3"), -45'000}};
        b.line.showLinkTrouble(c, 0);
        link = b.label(QStringLiteral("Link:"));
        QVERIFY2(link->text() == QStringLiteral("Link: connected · this desk's clock 45 s ahead"), qPrintable(link->text()));
        QCOMPARE(b.marginColour(link), mapstyle::alarmAmber().name());
        QVERIFY(b.label(QStringLiteral("operations of 2 console(s) refused for this desk's clock")));
        // A third desk whose operations this one takes speaks for this desk's clock: the two desks are named instead.
        c.consolesInStep = {{QStringLiteral("desk-4"), 200}};
        b.line.showLinkTrouble(c, 0);
        link = b.label(QStringLiteral("Link:"));
        QVERIFY2(!link->text().contains(QLatin1String("clock")), qPrintable(link->text()));
        QVERIFY(b.label(QStringLiteral("desk-2 clock 45 s behind: its operations refused")));
    }

    void aConsoleWhoseClockIsOffIsNamedInTheLinksTrouble()
    {
        // Another desk's operations refused for its clock: the two desks no longer share what they do. The trouble
        // figure names the desk and by how much, before the count; its tooltip says what to do.
        Bar b;
        QVERIFY(QTest::qWaitForWindowExposed(&b.bar));
        LinkCounters c;
        c.replayed = 3;
        c.consolesOffClock = {{QStringLiteral("desk-2"), 45'000}, {QStringLiteral("desk-3"), -125'000}};
        b.line.showLinkTrouble(c, 0);
        const QLabel *trouble = b.label(QStringLiteral("operations refused"));
        QVERIFY(trouble);
        const QString whole = trouble->toolTip().isEmpty() || !trouble->text().contains(QChar(0x2026)) ? trouble->text() : trouble->toolTip();
        QVERIFY2(whole.startsWith(QStringLiteral("desk-2 clock 45 s ahead: its operations refused · desk-3 clock 2 min behind: its operations refused · "
                                                 "3 message(s) of other consoles refused")),
                 qPrintable(whole));
        QVERIFY2(trouble->toolTip().contains(QStringLiteral("Console desk-3 sent its last operations 2 min behind this desk's clock: they are refused "
                                                            "here (operations count within 30 s of it)")),
                 qPrintable(trouble->toolTip()));
        QCOMPARE(b.marginColour(trouble), mapstyle::alarmAmber().name());

        c.consolesOffClock.clear();
        b.line.showLinkTrouble(c, 0);
        QVERIFY(!b.label(QStringLiteral("its operations refused")));
    }
};

QTEST_MAIN(TestStatusLine)
#include "tst_statusline.moc"
