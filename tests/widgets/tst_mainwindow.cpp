#include "brokertesting.h"
#include "city/sumoimport.h"
#include "link/mqttlink.h"
#include "link/simlink.h"
#include "consolestatusbar.h"
#include "mainwindow.h"
#include "testcity.h"
#include "map/mapstyle.h"
#include "map/mapview.h"
#include "ops/opsconsole.h"
#include "panels/detailspanel.h"
#include "panels/energypanel.h"
#include "panels/incidentpanel.h"
#include "panels/qcustomplot_include.h"
#include "statusline.h"

#include <QAction>
#include <QDockWidget>
#include <QApplication>
#include <QMessageBox>
#include <QTextDocument>
#include <QTimer>
#include <QDateTime>
#include <QLabel>
#include <QListWidget>
#include <QStatusBar>
#include <QTableView>
#include <QRegularExpression>
#include <QScrollBar>
#include <QSet>
#include <QTableView>
#include <QTest>

using namespace cityops;

namespace {
/// The simulator, reporting what a network link would count: messages refused, reports lost, commands waiting.
std::shared_ptr<const CityModel> fixtureCity() { return cityops::test::networkCity(); }

class TroubledLink : public SimLink {
public:
    using SimLink::SimLink;
    LinkCounters counters() const override
    {
        LinkCounters c;
        c.malformed = 2;
        c.oversized = 1;
        c.untrusted = 2;   // operations of other consoles: not signed by one in the keyring
        c.replayed = 1;    // ... and a copy
        c.notTheirs = 2;   // a gateway's reports of another gateway's devices
        c.refused = 8;
        c.gaps = 5;
        c.waiting = 4;
        return c;
    }
};
/// A console whose keyring was made writable by others while it ran: nothing refused yet, but nothing would be taken.
class UnbelievingLink : public SimLink {
public:
    using SimLink::SimLink;
    LinkCounters counters() const override
    {
        LinkCounters c;
        c.keyringProblem = QStringLiteral("the console keyring /srv/cityops/consoles.json may be changed by others (mode 0666)");
        return c;
    }
};
/// A read-only console (nobody can sign in: it still shows everything) on `link`, at 1600 × 900.
struct DeskOn {
    Engine engine{fixtureCity()};
    MainWindow window{engine, nullptr};

    explicit DeskOn(const std::function<std::unique_ptr<FieldLink>(const ConsoleClock *)> &link)
    {
        engine.start(link(&engine.clock()));
        window.resize(1600, 900);
        window.show();
    }
    ~DeskOn() { engine.stop(); }
    /// The visible status bar figure whose text contains `words`, once the window shows one; null after 5 s.
    QLabel *figure(const QString &words)
    {
        QLabel *found = nullptr;
        (void)QTest::qWaitFor([&] {   // found stays null if it never shows
            for (QLabel *label : window.statusBar()->findChildren<QLabel *>())
                if (label->isVisible() && label->text().contains(words))
                    found = label;
            return found != nullptr;
        }, 5000);
        return found;
    }
};

template <typename Link>
std::function<std::unique_ptr<FieldLink>(const ConsoleClock *)> quickly()
{
    return [](const ConsoleClock *clock) {
        SimLinkOptions sim;
        sim.warmUpHours = 0.1;
        return std::make_unique<Link>(fixtureCity(), clock, sim);
    };
}
} // namespace

class TestMainWindow : public QObject {
    Q_OBJECT

    /// Two load samples `apartMs` apart: every feeder at 40 % of its rating, then 50 %.
    static LoadHistory::Series twoSamples(const CityModel &city, std::int64_t fromMs, std::int64_t apartMs)
    {
        LoadHistory::Series series;
        series.timesMs = {fromMs, fromMs + apartMs};
        for (const FeederInfo &f : city.feeders) {
            series.feederKw.push_back({float(f.capacityKw * 0.4), float(f.capacityKw * 0.5)});
            series.feederPeakKw.push_back(float(f.capacityKw * 0.5));
        }
        series.totalKw = {1000, 1100};
        return series;
    }

private Q_SLOTS:
    void statusBarSaysWhatTheLinkRefusedAndLost()
    {
        QVERIFY(fixtureCity());
        DeskOn desk(quickly<TroubledLink>());
        MainWindow &window = desk.window;
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        QLabel *trouble = desk.figure(QStringLiteral("8 message(s) refused"));
        QVERIFY(trouble);
        // Four kinds of trouble are longer than a figure may be: cut, the whole sentence first in the tooltip.
        QVERIFY2(trouble->text().endsWith(QChar(0x2026)) && trouble->width() <= 440, qPrintable(trouble->text()));
        const QString whole = trouble->toolTip().section(QLatin1Char('\n'), 0, 0);
        QVERIFY2(whole.startsWith(trouble->text().chopped(1)) && whole.contains(QLatin1String("5 report(s) lost, fresh state asked"))
                     && whole.contains(QLatin1String("4 command(s) waiting for the broker")), qPrintable(whole));
        QVERIFY(trouble->toolTip().contains(QLatin1String("2 malformed, 1 oversized")));
        QVERIFY2(whole.contains(QLatin1String("3 message(s) of other consoles refused"))
                     && whole.contains(QLatin1String("2 gateway report(s) refused: not theirs")), qPrintable(whole));
        QVERIFY(trouble->toolTip().contains(QLatin1String("refused as not theirs (another gateway's device, incident or vehicle, or outside their districts): 2")));
        QVERIFY(trouble->toolTip().contains(QStringLiteral("2 not signed by a console in the keyring · 1 copies or stale")));
        // Amber: something to look at.
        const QImage shot = trouble->grab().toImage();
        QCOMPARE(shot.pixelColor(2, shot.height() / 2), QColor(0xff, 0xb0, 0x00));
        // A desk of 1280 px holds the console with its figures up: they are cut further, not the window widened.
        QVERIFY2(window.minimumSizeHint().width() <= 1280, qPrintable(QString::number(window.minimumSizeHint().width())));
        window.resize(1280, 900);
        QTRY_VERIFY(window.width() == 1280 && trouble->width() < 420);
        QVERIFY2(trouble->isVisible() && trouble->text().endsWith(QChar(0x2026)) && whole.startsWith(trouble->text().chopped(1)),
                 qPrintable(trouble->text()));
        QCOMPARE(trouble->toolTip().section(QLatin1Char('\n'), 0, 0), whole);
        window.resize(1600, 900);
        QTRY_VERIFY(trouble->width() > 420);

        // A message the console says (a search, a wall answer, new rules) is written beside the figures, which stay:
        // they are alarms. Not over them, and cut with "…" where it is longer than its room, the whole in the tooltip.
        auto *bar = qobject_cast<ConsoleStatusBar *>(window.statusBar());
        QVERIFY(bar);
        bar->showMessage(QStringLiteral("Showing Rudower Chaussee"));
        window.refreshNow();
        // With room for them, the other figures read whole beside the message (not one letter short: "Not recordi…").
        QCoreApplication::sendPostedEvents(nullptr, QEvent::LayoutRequest);
        for (QLabel *label : bar->findChildren<QLabel *>(Qt::FindDirectChildrenOnly))
            if (label != trouble && label->isVisible())
                QVERIFY2(!label->text().contains(QChar(0x2026)), qPrintable(label->text()));
        QVERIFY(trouble->isVisible());
        QCOMPARE(bar->shownMessage(), QStringLiteral("Showing Rudower Chaussee"));
        QVERIFY(bar->messageRect().right() < trouble->geometry().left());
        const QString longMessage = QStringLiteral("The city's response rules changed: ") + QString(40, QLatin1Char('x'))
                                    + QStringLiteral(" and more besides, far longer than the room a status bar leaves")
                                    + QString(200, QLatin1Char('y'));
        bar->showMessage(longMessage);
        window.refreshNow();
        QVERIFY(trouble->isVisible());
        const QString shown = bar->shownMessage();
        QVERIFY2(shown.endsWith(QChar(0x2026)) && longMessage.startsWith(shown.chopped(1)), qPrintable(shown));
        QVERIFY(bar->fontMetrics().horizontalAdvance(shown) <= bar->messageRect().width());
        QCOMPARE(bar->toolTip(), longMessage);
        // What a person sees: the message's words left of the figures, the amber figure whole beside them.
        const QImage seen = bar->grab().toImage();
        const QRect troubleOnBar = trouble->geometry();
        QCOMPARE(seen.pixelColor(troubleOnBar.left() + 2, troubleOnBar.center().y()), QColor(0xff, 0xb0, 0x00));
        int ink = 0;
        const QColor background = seen.pixelColor(bar->messageRect().right() - 1, 1);
        for (int x = bar->messageRect().left(); x < bar->messageRect().right(); ++x)
            ink += seen.pixelColor(x, bar->height() / 2) != background;
        QVERIFY2(ink > 20, qPrintable(QString::number(ink)));
        bar->clearMessage();
        QVERIFY(bar->toolTip().isEmpty());
    }

    /// A console keyring that cannot be believed stops every other console's operations: said in amber at once, with
    /// the reason on hover, before any operation has been refused.
    void aKeyringNotBelievedIsSaid()
    {
        DeskOn desk(quickly<UnbelievingLink>());
        QVERIFY(QTest::qWaitForWindowExposed(&desk.window));
        QLabel *trouble = desk.figure(QStringLiteral("Console keyring not believed"));
        QVERIFY(trouble);
        QCOMPARE(trouble->text(), QStringLiteral("Console keyring not believed"));   // whole, not cut
        QVERIFY2(trouble->toolTip().contains(QLatin1String("Console keyring: the console keyring /srv/cityops/consoles.json may be changed by others"))
                     && trouble->toolTip().contains(QLatin1String("other consoles' operations are refused until it is mended")),
                 qPrintable(trouble->toolTip()));
        const QImage shot = trouble->grab().toImage();
        QCOMPARE(shot.pixelColor(2, shot.height() / 2), QColor(0xff, 0xb0, 0x00));
    }

    void liveConsoleOnARealNetwork()
    {
        const auto city = fixtureCity();
        QVERIFY(city);
        Engine engine(city);
        SimLinkOptions sim;
        sim.seed = 4;
        sim.warmUpHours = 3;
        engine.start(std::make_unique<SimLink>(city, &engine.clock(), sim), QString(),
                     QDateTime::currentMSecsSinceEpoch() - 3 * 3600'000);

        MainWindow window(engine, nullptr);   // nobody can sign in: a read-only console still shows everything
        window.resize(1600, 900);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        QCOMPARE(window.windowTitle(), QStringLiteral("CityOps — Adlershof fixture"));
        QTRY_VERIFY_WITH_TIMEOUT(engine.linkStatus().state == LinkState::Connected, 10000);
        QTRY_VERIFY(!engine.loads().snapshot().timesMs.empty());
        window.refreshNow();

        // The status bar says where the data comes from.
        auto linkShown = [&window] {
            for (QLabel *label : window.statusBar()->findChildren<QLabel *>())
                if (label->text().contains(QLatin1String("simulator")) && label->text().contains(QLatin1String("connected")))
                    return true;
            return false;
        };
        QTRY_VERIFY(linkShown());

        // The energy panel plots the busiest feeders.
        QVERIFY(!window.energyPanel()->plottedFeeders().isEmpty());

        // The incident list holds exactly the open incidents.
        std::vector<Incident> incidents;
        engine.incidents().snapshot(incidents);
        const auto open = std::count_if(incidents.begin(), incidents.end(), [](const Incident &i) { return i.isOpen(); });
        QCOMPARE(window.incidentPanel()->model()->rowCount(), int(open));

        // Selecting a signal shows its program, phase and aspect.
        const DeviceIndex signal = city->deviceIndex(QStringLiteral("sig/1560223979"));
        window.mapView()->select({MapSelection::Kind::Device, signal});
        const QStringList rows = window.detailsPanel()->rows();
        QVERIFY2(rows.filter(QStringLiteral("Phase: ")).size() == 1 || rows.filter(QStringLiteral("Mode: Flashing")).size() == 1,
                 qPrintable(rows.join(QLatin1Char('\n'))));
        QVERIFY(rows.filter(QStringLiteral("SUMO id: 1560223979")).size() == 1);
        // In normal operation the phase reads as movements per approach (not SUMO's "GGrrGG…"), raw on hover.
        if (rows.filter(QStringLiteral("Phase: ")).size() == 1) {
            const QStringList approaches = rows.filter(QStringLiteral("From the "));
            QVERIFY2(approaches.size() >= 2, qPrintable(rows.join(QLatin1Char('\n'))));
            QVERIFY2(approaches.filter(QRegularExpression(QStringLiteral("(straight|left|right) (green|red|yellow)"))).size() >= 2,
                     qPrintable(approaches.join(QLatin1Char('\n'))));
            QVERIFY(rows.filter(QStringLiteral("Aspect: ")).isEmpty());
        }

        // And the map draws it at its place: grey running its program, amber flashing.
        const QImage map = window.mapView()->grab().toImage();
        const QPoint at = window.mapView()->viewport().toScreen(city->devices[signal].position).toPoint();
        const QColor c = map.pixelColor(at);
        const bool flashing = rows.filter(QStringLiteral("Mode: Flashing")).size() == 1;
        QVERIFY2(c == (flashing ? mapstyle::alarmAmber() : mapstyle::signalRunning()), qPrintable(c.name()));

        // The search box flies to a device and selects it; nonsense finds nothing and says so.
        QVERIFY(window.showSearchResult(QStringLiteral("sig/1560223979")));
        // Centred to the sub-pixel: within one pixel of the middle whether the view's size is odd or even.
        const QPointF centre = window.mapView()->viewport().toScreen(city->devices[signal].position);
        QVERIFY2(std::abs(centre.x() - window.mapView()->width() / 2.0) <= 1.0 && std::abs(centre.y() - window.mapView()->height() / 2.0) <= 1.0,
                 qPrintable(QStringLiteral("%1,%2 in %3x%4").arg(centre.x()).arg(centre.y()).arg(window.mapView()->width()).arg(window.mapView()->height())));
        QVERIFY(!window.showSearchResult(QStringLiteral("no such place")));
        QVERIFY(window.statusBar()->currentMessage().contains(QLatin1String("Nothing found")));

        // Selecting a feeder shows load against capacity.
        window.mapView()->select({MapSelection::Kind::Device, city->feeders.front().device});
        QVERIFY(window.detailsPanel()->rows().filter(QStringLiteral("% of capacity")).size() == 1);
        engine.stop();
    }

    void readableAtTheDefaultSize()
    {
        // Issue 16, item 11: the incident list's "Where" was clipped to "E…" at every size and named only the
        // district; the map re-fitted only on Home after a resize.
        const auto city = fixtureCity();
        Engine engine(city);
        SimLinkOptions sim;
        sim.seed = 4;
        sim.warmUpHours = 3;
        sim.parameters.collisionsPerHour = 8;
        engine.start(std::make_unique<SimLink>(city, &engine.clock(), sim), QString(), QDateTime::currentMSecsSinceEpoch() - 3 * 3600'000);
        MainWindow window(engine, nullptr);
        window.resize(1600, 900);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        QTRY_VERIFY_WITH_TIMEOUT(window.incidentPanel()->model()->rowCount() > 0, 10000);
        window.refreshNow();
        QTableView *view = window.incidentPanel()->view();
        const int where = IncidentTableModel::Where;
        int streets = 0;
        for (int r = 0; r < view->model()->rowCount(); ++r) {
            const QString text = view->model()->index(r, where).data().toString();
            streets += text.contains(QStringLiteral(" · "));   // street · district
            const QRect needed = view->fontMetrics().boundingRect(QRect(0, 0, view->columnWidth(where) - 8, 1000), Qt::TextWordWrap, text);
            QVERIFY2(needed.width() <= view->columnWidth(where) && needed.height() <= view->rowHeight(r),
                     qPrintable(QStringLiteral("\"%1\" does not fit in %2 × %3 px").arg(text).arg(view->columnWidth(where)).arg(view->rowHeight(r))));
        }
        QVERIFY2(streets > 0, qPrintable(QStringLiteral("no incident names its street: %1").arg(view->model()->index(0, where).data().toString())));
        QVERIFY2(view->horizontalScrollBar()->maximum() == 0, "the incident list scrolls sideways");
        // On a small desk the list's dock is narrower than its deadlines and times: the place keeps a street name's
        // width (the list scrolls sideways instead) — it was squeezed to a sliver, each row a column of fragments.
        auto *dock = qobject_cast<QDockWidget *>(window.incidentPanel()->parentWidget());
        QVERIFY(dock);
        window.resizeDocks({dock}, {300}, Qt::Horizontal);
        QTRY_VERIFY2(view->width() < 560, qPrintable(QStringLiteral("%1 px").arg(view->width())));
        QCoreApplication::sendPostedEvents(nullptr, QEvent::LayoutRequest);   // laid out, the place column fitted
        QVERIFY2(view->columnWidth(where) >= IncidentPanel::leastPlaceWidth(view->fontMetrics()) && view->columnWidth(where) > 100,
                 qPrintable(QString::number(view->columnWidth(where))));
        for (int r = 0; r < view->model()->rowCount(); ++r)
            QVERIFY2(view->rowHeight(r) <= 3 * view->fontMetrics().lineSpacing() + 8,
                     qPrintable(QStringLiteral("row %1 is %2 px tall: \"%3\" in %4 px").arg(r).arg(view->rowHeight(r))
                                    .arg(view->model()->index(r, where).data().toString()).arg(view->columnWidth(where))));
        QVERIFY2(view->horizontalScrollBar()->maximum() > 0, "the other columns leave the place no room at this width");
        window.resizeDocks({dock}, {700}, Qt::Horizontal);
        QTRY_VERIFY(view->horizontalScrollBar()->maximum() == 0);   // room again: the place takes it

        // Nothing selected: Details names the keys to get about, each of them a key of this window's menus.
        QString hint;
        for (const QLabel *label : window.detailsPanel()->findChildren<QLabel *>())
            if (label->text().contains(QLatin1String("Keys: ")))
                hint = label->text().section(QLatin1String("Keys: "), 1);
        QVERIFY2(!hint.isEmpty(), "no keys named while nothing is selected");
        QStringList bound;
        for (const QAction *action : window.findChildren<QAction *>())
            for (const QKeySequence &key : action->shortcuts())
                bound << key.toString();
        for (const QString &named : hint.split(QStringLiteral(" · "))) {
            const QString key = named.section(QLatin1Char(' '), 0, 0);
            QVERIFY2(bound.contains(key), qPrintable(QStringLiteral("%1 is named but bound to nothing (%2)").arg(key, bound.join(QLatin1Char(',')))));
        }

        // The whole city stays in view when the window changes size; a view someone moved stays put.
        MapView *map = window.mapView();
        QVERIFY(map->showsWholeCity());
        const double zoom = map->viewport().zoom();
        window.resize(1900, 1060);
        QTRY_VERIFY(map->viewport().zoom() != zoom);
        const GeoPoint far = city->operationalBounds().center();
        map->centerOn(far, zoom + 2);
        window.resize(1500, 850);
        QTRY_COMPARE(map->viewport().zoom(), zoom + 2);
        engine.stop();
    }

    void theCitysResponseRulesAreOneHelpAway()
    {
        // A city with its own deadlines: Help ▸ Response rules says them, and says they are the city's.
        auto ownRules = std::make_shared<CityModel>(*fixtureCity());
        auto rules = ResponseRules::fromJson(R"({"acknowledge_within_min": {"critical": 7}, "hold_limit_min": 10})");
        QVERIFY2(rules, qPrintable(rules.error()));
        ownRules->rules = rules.value();
        Engine engine(ownRules);
        MainWindow window(engine, nullptr);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        QAction *help = nullptr;
        for (QAction *action : window.findChildren<QAction *>())
            if (action->text() == QLatin1String("&Response rules"))
                help = action;
        QVERIFY(help);
        const auto helpSays = [&window, help] {
            QString shown;
            QTimer::singleShot(0, &window, [&shown] {
                auto *box = qobject_cast<QMessageBox *>(QApplication::activeModalWidget());
                if (!box)
                    return;
                shown = box->text();
                box->accept();
            });
            help->trigger();
            QTextDocument doc;
            doc.setHtml(shown);
            return doc.toPlainText();
        };
        QString text = helpSays();
        QVERIFY2(text.contains(QLatin1String("The city's own response rules")), qPrintable(text));
        QVERIFY2(text.contains(QLatin1String("Critical\n7 min\n10 min")), qPrintable(text));   // a table's cells, a line each
        QVERIFY2(text.contains(QLatin1String("Info\n1 h 00 min\nno deadline")), qPrintable(text));
        QVERIFY2(text.contains(QLatin1String("more than 10 min, or pre-empted for more than 5 min")), qPrintable(text));

        // The administrator changes them while the console runs (RulesWatch): said where it stays, Help shows the new.
        const ResponseRules changed = ResponseRules::fromJson(R"({"acknowledge_within_min": {"critical": 4}, "hold_limit_min": 15})").value();
        engine.setResponseRules(changed, changed.changesFrom(rules.value()));
        QVERIFY2(window.statusBar()->currentMessage().startsWith(QLatin1String("The city's response rules changed")),
                 qPrintable(window.statusBar()->currentMessage()));
        QVERIFY(window.ops().messages()->count() > 0);
        QVERIFY(window.ops().messages()->item(0)->text().contains(QLatin1String("new incidents get the new deadlines")));
        text = helpSays();
        QVERIFY2(text.contains(QLatin1String("Critical\n4 min\n10 min")), qPrintable(text));
        QVERIFY2(text.contains(QLatin1String("more than 15 min")), qPrintable(text));

        // Rules the package holds but that cannot be used: said as a problem, those in force stay.
        window.showRulesProblem(QStringLiteral("city.gpkg: hold_limit_min must be a whole number of minutes from 1 to 1440"));
        QVERIFY(window.statusBar()->currentMessage().contains(QLatin1String("cannot be used; those in force stay: city.gpkg: hold_limit_min")));
        QVERIFY2(helpSays().contains(QLatin1String("more than 15 min")), "the rules in force stay");
    }

    void theEnergyLegendNamesOnlyTheFeedersItDraws()
    {
        // Fewer feeders than the chart has room for (five): a legend row for each, none with QCustomPlot's default
        // name for an unused graph ("Graph 6" was seen).
        const auto city = test::networkCity();
        QVERIFY(city->feeders.size() < 5);
        EnergyPanel energy(city);
        energy.resize(700, 250);
        energy.setSeries(twoSamples(*city, 1'795'536'000'000, 10'000));
        QVERIFY(!energy.grab().toImage().isNull());
        QCPLegend *legend = nullptr;
        for (QCPAxisRect *rect : energy.plot()->axisRects())
            for (int i = 0; i < rect->insetLayout()->elementCount(); ++i)
                if (auto *l = qobject_cast<QCPLegend *>(rect->insetLayout()->elementAt(i)))
                    legend = l;
        QVERIFY(legend);
        QCOMPARE(legend->itemCount(), int(city->feeders.size()));
        for (int i = 0; i < legend->itemCount(); ++i) {
            auto *row = qobject_cast<QCPPlottableLegendItem *>(legend->item(i));
            QVERIFY(row);
            const QString name = row->plottable()->name();
            QVERIFY2(name.startsWith(QLatin1String("fdr/")) && name.endsWith(QLatin1String("50 %")), qPrintable(name));
        }
        QCOMPARE(energy.plottedFeeders().size(), int(city->feeders.size()));
    }

    /// Before the first telemetry (the console's first seconds, a feeder link still connecting) the panel says it is
    /// waiting — not an empty headline over a legend of QCustomPlot's "Graph 2" … "Graph 6" (seen on a fresh desk).
    void theEnergyPanelBeforeAnyTelemetrySaysItIsWaiting()
    {
        EnergyPanel energy(test::networkCity());
        energy.resize(700, 250);
        QVERIFY(!energy.grab().toImage().isNull());
        const auto *headline = energy.findChild<QLabel *>();
        QVERIFY(headline);
        QCOMPARE(headline->text(), QStringLiteral("Energy: waiting for feeder telemetry"));
        for (QCPAxisRect *rect : energy.plot()->axisRects())
            for (int i = 0; i < rect->insetLayout()->elementCount(); ++i)
                if (auto *legend = qobject_cast<QCPLegend *>(rect->insetLayout()->elementAt(i)))
                    QVERIFY2(!legend->visible(), "a legend of graphs that draw nothing");
    }

    void aLostBrokerIsSaidAcrossTheMap()
    {
        // A desk behind a real broker: live, the map is plain; the broker killed, the map is framed in magenta (no
        // data) and says since when it has had none — its devices keep their last colours, which are not the field's
        // now; the broker back, the frame goes.
        test::TestBroker broker;
        QVERIFY2(broker.ok(), qPrintable(broker.log()));
        const auto city = fixtureCity();
        Engine engine(city);
        MqttLinkOptions options;
        options.mqtt.url = BrokerUrl::parse(broker.plainUrl()).value();
        options.mqtt.clientId = QStringLiteral("desk-map-test");
        engine.start(std::make_unique<MqttLink>(city, &engine.clock(), options, std::nullopt));
        MainWindow window(engine, nullptr);
        window.resize(1600, 900);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        MapView *map = window.mapView();
        QTRY_VERIFY_WITH_TIMEOUT(engine.linkStatus().state == LinkState::Connected, 10'000);
        QTRY_VERIFY(map->notice().isEmpty());
        const auto magentaIn = [](const QImage &image, const QRect &area) {
            int n = 0;
            for (int y = area.top(); y <= area.bottom(); ++y)
                for (int x = area.left(); x <= area.right(); ++x)
                    n += image.pixelColor(x, y) == mapstyle::noData();
            return n;
        };
        const QImage live = map->grab().toImage();
        const QRect leftEdge(0, live.height() / 2 - 100, 10, 200);   // under the frame, clear of the band and the legend
        const QRect band(0, 0, live.width(), 50);
        QCOMPARE(magentaIn(live, leftEdge), 0);

        broker.kill();
        QTRY_VERIFY_WITH_TIMEOUT(!map->notice().isEmpty(), 10'000);
        QVERIFY2(map->notice().startsWith(QLatin1String("No field data since ")) && map->notice().contains(QLatin1String("retrying")),
                 qPrintable(map->notice()));
        const QImage lost = map->grab().toImage();
        QVERIFY2(magentaIn(lost, leftEdge) > 100, qPrintable(QString::number(magentaIn(lost, leftEdge))));
        QVERIFY2(magentaIn(lost, band) > 2 * magentaIn(live, band) + 100, "the sentence is drawn across the top");
        // The status bar names the broker and what it is doing about it.
        // Longer than a figure may be: cut in the middle, where the broker's own words are; the whole in the tooltip.
        QString linkText, linkWhole;
        const auto linkSaid = [&] {
            for (QLabel *label : window.statusBar()->findChildren<QLabel *>())
                if (label->text().startsWith(QLatin1String("Link: "))) {
                    linkText = label->text();
                    linkWhole = label->toolTip().isEmpty() ? linkText : label->toolTip();
                }
            return linkText.startsWith(QStringLiteral("Link: %1").arg(broker.plainUrl())) && linkText.endsWith(QStringLiteral(" — reconnecting"));
        };
        QTRY_VERIFY2(linkSaid(), qPrintable(linkText));
        QVERIFY2(linkWhole.startsWith(QStringLiteral("Link: %1 — retrying: ").arg(broker.plainUrl())) && linkWhole.endsWith(QStringLiteral(" — reconnecting")),
                 qPrintable(linkWhole));

        QVERIFY(broker.start());
        QTRY_VERIFY_WITH_TIMEOUT(engine.linkStatus().state == LinkState::Connected, 30'000);
        QTRY_VERIFY(map->notice().isEmpty());
        QCOMPARE(magentaIn(map->grab().toImage(), leftEdge), 0);
        engine.stop();
    }

    void theEnergyChartInventsNoTimesBeforeTelemetry()
    {
        // Waiting for the first feeder figures (a broker not reached yet): no times or loads on the scales — they read
        // 01:00 at every tick (1970, QCustomPlot's default range) and 0–5 MW. Once figures come, the last hour's times.
        const auto city = test::networkCity();
        EnergyPanel energy(city);
        energy.resize(700, 250);
        energy.show();
        QVERIFY(QTest::qWaitForWindowExposed(&energy));
        energy.setSeries({});
        QVERIFY(!energy.grab().toImage().isNull());
        for (QCPAxisRect *rect : energy.plot()->axisRects())
            for (QCPAxis *axis : {rect->axis(QCPAxis::atBottom), rect->axis(QCPAxis::atLeft)})
                QVERIFY2(!axis->tickLabels(), qPrintable(axis->tickVectorLabels().join(QLatin1Char(' '))));

        energy.setSeries(twoSamples(*city, 1'795'536'000'000, 3'600'000));   // an hour, in the city's afternoon
        QVERIFY(!energy.grab().toImage().isNull());
        for (QCPAxisRect *rect : energy.plot()->axisRects()) {
            QCPAxis *time = rect->axis(QCPAxis::atBottom);
            QVERIFY(time->tickLabels() && rect->axis(QCPAxis::atLeft)->tickLabels());
            const QStringList labels = time->tickVectorLabels();
            QVERIFY2(labels.size() >= 3 && QSet<QString>(labels.begin(), labels.end()).size() == labels.size()
                         && !labels.contains(QStringLiteral("01:00")),
                     qPrintable(labels.join(QLatin1Char(' '))));
        }
        energy.setSeries({});   // the history cleared (a replay's start): blank again
        QVERIFY(!energy.plot()->axisRects().front()->axis(QCPAxis::atBottom)->tickLabels());
    }
};

QTEST_MAIN(TestMainWindow)
#include "tst_mainwindow.moc"
