// cityops-bench: measurements of the data path. Each subcommand prints one JSON object per line.
#include "city/citypackage.h"
#include "base/sqlitedb.h"
#include "engine/corepipeline.h"
#include "codec/eventcodec.h"
#include "security/commandsigner.h"
#include "store/eventstore.h"
#include "store/replaysession.h"
#include "benchutil.h"
#include "dispatchbench.h"
#include "handoverbench.h"
#include "e2pbench.h"
#include "linkbench.h"
#include "signinbench.h"
#include "wallbench.h"
#include "greenwavebench.h"
#include "mapbench.h"
#include "placebench.h"
#include "syntheticload.h"

#include <QCommandLineParser>
#include <QApplication>
#include <QDateTime>
#include <QDir>
#include <QElapsedTimer>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>

#include <algorithm>
#include <cstdio>

using namespace cityops;

namespace {

constexpr int kExitUsage = 2;

using bench::emit;
using bench::percentile;

Result<std::shared_ptr<const CityModel>> loadCity(const QString &path)
{
    return citypackage::read(path.isEmpty() ? bench::defaultCityPackage() : path);
}

/// Raw ceiling: the same rows (kind, device, encoded payload) inserted with one prepared statement in large
/// transactions, nothing else — what SQLite alone can do on this disk with the same durability settings.
double rawInsertRate(const QString &path, const std::vector<Event> &events)
{
    auto db = SqliteDb::open(path, SqliteDb::Mode::Create);
    (void)db.value()->exec(QStringLiteral("PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL;"
                                          "CREATE TABLE events (seq INTEGER PRIMARY KEY, time_ms INTEGER NOT NULL, kind INTEGER NOT NULL,"
                                          " device INTEGER NOT NULL, payload BLOB NOT NULL);"
                                          "CREATE INDEX events_by_time ON events(time_ms);"));
    auto insert = db.value()->prepare(QStringLiteral("INSERT INTO events VALUES (?,?,?,?,?)"));
    QElapsedTimer timer;
    timer.start();
    std::int64_t seq = 0;
    const size_t group = 10'000;
    for (size_t i = 0; i < events.size(); i += group) {
        (void)db.value()->exec(QStringLiteral("BEGIN"));
        for (size_t k = i; k < std::min(events.size(), i + group); ++k) {
            const Event &e = events[k];
            insert->bind(1, ++seq);
            insert->bind(2, e.timeMs);
            insert->bind(3, static_cast<std::int64_t>(eventcodec::kindOf(e.payload)));
            insert->bind(4, static_cast<std::int64_t>(e.device));
            insert->bind(5, eventcodec::encode(e.payload));
            (void)insert->run();
        }
        (void)db.value()->exec(QStringLiteral("COMMIT"));
    }
    return static_cast<double>(events.size()) / (timer.nsecsElapsed() / 1e9);
}

int benchIngest(const QCommandLineParser &args, const QString &cityPath)
{
    auto city = loadCity(cityPath);
    if (!city) {
        std::fprintf(stderr, "cityops-bench: %s\n", qPrintable(city.error()));
        return 1;
    }
    const size_t count = args.value(QStringLiteral("events")).toULongLong();
    QTemporaryDir dir(args.value(QStringLiteral("dir")).isEmpty() ? QDir::tempPath() + QStringLiteral("/cityops-bench-XXXXXX")
                                                                  : args.value(QStringLiteral("dir")) + QStringLiteral("/cityops-bench-XXXXXX"));
    bench::SyntheticLoad load(*city.value(), 1);
    std::vector<Event> events;
    const std::int64_t start = QDateTime::currentMSecsSinceEpoch() - 3600'000;
    load.generate(count, start, 50'000.0, events);

    // Durable ingest through the real path, in batches as the core thread sees them: as the console records (the hash
    // chain, a signed checkpoint every 10,000 rows) and without the chain, for what it costs. The two alternate, round
    // after round, each into a fresh file, and the medians are compared: one pair on a busy 2-core machine varies by
    // more than the chain costs (0.71 to 0.84 from the same build), and whichever runs first warms the page cache.
    std::vector<double> chainedRates, unchainedRates, commits, checkpoints;
    std::uint64_t dropped = 0;
    const auto key = std::make_shared<const CommandSigner>(CommandSigner::generate());
    const int rounds = std::max(1, args.value(QStringLiteral("rounds")).toInt());
    for (int round = 0; round < rounds; ++round) {
        for (const bool chained : {round % 2 == 1, round % 2 == 0}) {
            const QString path = dir.filePath(QStringLiteral("%1-%2.store").arg(chained ? QStringLiteral("ingest") : QStringLiteral("unchained")).arg(round));
            EventStoreOptions options;
            options.path = path;
            options.chain = chained;
            options.checkpointKey = chained ? key : nullptr;
            auto store = EventStore::open(options, *city.value());
            if (!store) {
                std::fprintf(stderr, "cityops-bench: %s\n", qPrintable(store.error()));
                return 1;
            }
            CorePipeline pipeline(city.value());
            pipeline.attachStore(store.value().get());
            QElapsedTimer timer;
            timer.start();
            const size_t batch = 1000;
            for (size_t i = 0; i < events.size(); i += batch) {
                std::vector<Event> b(events.begin() + static_cast<std::ptrdiff_t>(i),
                                     events.begin() + static_cast<std::ptrdiff_t>(std::min(events.size(), i + batch)));
                pipeline.process(b);
            }
            store.value()->flush();
            const double r = static_cast<double>(events.size()) / (timer.nsecsElapsed() / 1e9);
            (chained ? chainedRates : unchainedRates).push_back(r);
            if (chained) {
                const auto c = store.value()->recentCommitMs();
                commits.insert(commits.end(), c.begin(), c.end());
                const auto k = store.value()->recentCheckpointMs();
                checkpoints.insert(checkpoints.end(), k.begin(), k.end());
                dropped += store.value()->stats().dropped;
            }
            if (round + 1 < rounds)
                QFile::remove(path);   // the last pair stays for the size and the quick_check below
        }
    }
    const double rate = percentile(chainedRates, 50), rateUnchained = percentile(unchainedRates, 50);
    std::vector<double> pairRatios;   // each round's chained run against its own unchained one
    for (size_t i = 0; i < chainedRates.size(); ++i)
        pairRatios.push_back(chainedRates[i] / unchainedRates[i]);
    const double commitP99 = percentile(commits, 99), commitP50 = percentile(commits, 50), checkpointP99 = percentile(checkpoints, 99);
    // What the integrity check at open costs the next console: SQLite's quick_check of the store just written.
    double quickCheckMs = 0;
    const QString lastChained = dir.filePath(QStringLiteral("ingest-%1.store").arg(rounds - 1));
    const double storeMb = QFileInfo(lastChained).size() / 1e6;
    const double unchainedMb = QFileInfo(dir.filePath(QStringLiteral("unchained-%1.store").arg(rounds - 1))).size() / 1e6;
    {
        auto db = SqliteDb::open(lastChained, SqliteDb::Mode::ReadOnly);
        QElapsedTimer timer;
        timer.start();
        if (!db || !EventStore::quickCheck(*db.value(), lastChained).ok()) {
            std::fprintf(stderr, "cityops-bench: the store just written fails its quick_check\n");
            return 1;
        }
        quickCheckMs = timer.nsecsElapsed() / 1e6;
    }
    const double raw = rawInsertRate(dir.filePath(QStringLiteral("raw.db")), events);
    emit({{"bench", "ingest"}, {"rounds", rounds}, {"quick_check_ms", std::round(quickCheckMs)}, {"store_mb", std::round(storeMb)},
          {"unchained_store_mb", std::round(unchainedMb)},
          {"chain_ratio_min", std::round(*std::min_element(pairRatios.begin(), pairRatios.end()) * 1000) / 1000},
          {"chain_ratio_max", std::round(*std::max_element(pairRatios.begin(), pairRatios.end()) * 1000) / 1000},
          {"unchained_events_per_s", std::round(rateUnchained)}, {"chain_ratio", std::round(rate / rateUnchained * 1000) / 1000}, {"events", static_cast<double>(count)}, {"events_per_s", std::round(rate)},
          {"raw_events_per_s", std::round(raw)}, {"ratio_to_raw", std::round(rate / raw * 1000) / 1000},
          {"commit_p50_ms", std::round(commitP50 * 100) / 100}, {"commit_p99_ms", std::round(commitP99 * 100) / 100},
          {"checkpoint_p99_ms", std::round(checkpointP99 * 100) / 100},
          {"dropped", static_cast<double>(dropped)}});
    return 0;
}

int seekTimings(const std::shared_ptr<const CityModel> &city, const QString &path, int seeks, double hours, double rate, double buildS,
                const char *approaches, int unreadableTail = 0);

int benchSeek(const QCommandLineParser &args, const QString &cityPath)
{
    auto city = loadCity(cityPath);
    if (!city) {
        std::fprintf(stderr, "cityops-bench: %s\n", qPrintable(city.error()));
        return 1;
    }
    const double hours = args.value(QStringLiteral("hours")).toDouble();
    const double rate = args.value(QStringLiteral("rate")).toDouble();
    const int seeks = args.value(QStringLiteral("seeks")).toInt();
    const bool withApproaches = args.isSet(QStringLiteral("approaches"));
    bool tailOk = true;
    const int unreadableTail = args.isSet(QStringLiteral("unreadable-tail")) ? args.value(QStringLiteral("unreadable-tail")).toInt(&tailOk) : 0;
    if (!tailOk || unreadableTail < 0) {
        std::fprintf(stderr, "cityops-bench: --unreadable-tail wants a count of snapshots, not \"%s\"\n", qPrintable(args.value(QStringLiteral("unreadable-tail"))));
        return kExitUsage;
    }
    QTemporaryDir dir(args.value(QStringLiteral("dir")).isEmpty() ? QDir::tempPath() + QStringLiteral("/cityops-bench-XXXXXX")
                                                                  : args.value(QStringLiteral("dir")) + QStringLiteral("/cityops-bench-XXXXXX"));
    const QString path = dir.filePath(QStringLiteral("seek.store"));
    const auto total = static_cast<size_t>(hours * 3600.0 * rate);
    const std::int64_t start = QDateTime::currentMSecsSinceEpoch() - static_cast<std::int64_t>(hours * 3600'000.0);
    QElapsedTimer build;
    build.start();
    {
        auto store = EventStore::open({path, 0}, *city.value());
        if (!store) {
            std::fprintf(stderr, "cityops-bench: %s\n", qPrintable(store.error()));
            return 1;
        }
        CorePipeline pipeline(city.value());
        pipeline.attachStore(store.value().get());
        bench::SyntheticLoad load(*city.value(), 2);
        Random queues(5);
        const size_t chunk = 100'000;
        std::vector<Event> events;
        std::int64_t nextApproachesMs = start;
        for (size_t done = 0; done < total; done += chunk) {
            events.clear();
            load.generate(std::min(chunk, total - done), start + static_cast<std::int64_t>(done * 1000.0 / rate), rate, events);
            // Every signal's approaches every 10 s, as a co-simulated city at its peak reports them (when they change).
            const std::int64_t chunkEndMs = events.empty() ? start : events.back().timeMs;
            while (withApproaches && nextApproachesMs <= chunkEndMs) {
                for (const SignalInfo &signal : city.value()->signals) {
                    TrafficPayload traffic;
                    for (size_t a = 0; a < signalApproaches(signal).size() && a < size_t(kMaxApproaches); ++a) {
                        const auto queue = static_cast<std::uint16_t>(queues.below(12));
                        traffic.approaches.push_back({std::uint8_t(a), queue, std::uint16_t(queue + queues.below(8)),
                                                      std::uint8_t(queues.below(60)), std::uint16_t(queue * 7.5)});
                    }
                    events.push_back(Event{0, nextApproachesMs, signal.device, std::move(traffic)});
                }
                nextApproachesMs += 10'000;
            }
            std::stable_sort(events.begin(), events.end(), [](const Event &a, const Event &b) { return a.timeMs < b.timeMs; });
            for (size_t i = 0; i < events.size(); i += 1000) {
                std::vector<Event> b(events.begin() + static_cast<std::ptrdiff_t>(i),
                                     events.begin() + static_cast<std::ptrdiff_t>(std::min(events.size(), i + 1000)));
                pipeline.process(b);
            }
            store.value()->flush();
        }
    }
    const double buildS = build.nsecsElapsed() / 1e9;
    const int kept = seekTimings(city.value(), path, seeks, hours, rate, buildS, withApproaches ? "kept beside the snapshots" : nullptr);
    if (kept == 0 && unreadableTail > 0) {
        // The same recording as an older release finds it after a newer one wrote its newest snapshots: those in a
        // format it cannot read, passed over by every seek that lands after them.
        const QString tail = dir.filePath(QStringLiteral("seek-tail.store"));
        auto db = QFile::copy(path, tail) ? SqliteDb::open(tail, SqliteDb::Mode::Create) : Result<std::unique_ptr<SqliteDb>>(makeError(QStringLiteral("cannot copy")));
        auto select = db ? db.value()->prepare(QStringLiteral("SELECT seq, state FROM snapshots ORDER BY seq DESC LIMIT %1").arg(unreadableTail))
                         : Result<SqliteStatement>(makeError(db.error()));
        if (!select) {
            std::fprintf(stderr, "cityops-bench: cannot make the recording with unreadable snapshots: %s\n", qPrintable(select.error()));
            return 1;
        }
        std::vector<std::pair<std::int64_t, QByteArray>> newer;
        while (select->step()) {
            QByteArray raw = qUncompress(select->columnBlob(1));
            raw[4] = char(99);   // the format version byte: one this release does not know
            newer.emplace_back(select->columnInt(0), qCompress(raw, 6));
        }
        for (const auto &[seq, blob] : newer) {
            auto update = db.value()->prepare(QStringLiteral("UPDATE snapshots SET state = ? WHERE seq = ?"));
            if (!update) {
                std::fprintf(stderr, "cityops-bench: cannot make the recording with unreadable snapshots: %s\n", qPrintable(update.error()));
                return 1;
            }
            update->bind(1, blob);
            update->bind(2, seq);
            if (auto written = update->run(); !written) {
                std::fprintf(stderr, "cityops-bench: cannot make the recording with unreadable snapshots: %s\n", qPrintable(written.error()));
                return 1;
            }
        }
        db.value().reset();
        std::fprintf(stderr, "cityops-bench: the newest %zu snapshots made unreadable\n", newer.size());
        return seekTimings(city.value(), tail, seeks, hours, rate, buildS, withApproaches ? "kept beside the snapshots" : nullptr, int(newer.size()));
    }
    if (kept != 0 || !withApproaches)
        return kept;
    // What keeping them costs the recording.
    if (auto db = SqliteDb::open(path, SqliteDb::Mode::ReadOnly); db) {
        auto size = db.value()->prepare(QStringLiteral("SELECT count(*), coalesce(sum(length(approaches)), 0) FROM snapshot_approaches"));
        if (size && size->step())
            emit({{"bench", "seek-approaches-kept"}, {"signals", static_cast<double>(city.value()->signals.size())},
                  {"rows", static_cast<double>(size->columnInt(0))},
                  {"mean_row_bytes", std::round(double(size->columnInt(1)) / std::max<double>(1, double(size->columnInt(0))))},
                  {"kb_per_hour", std::round(double(size->columnInt(1)) / 1024.0 / hours)}});
    }
    // The baseline, the same recording as one from before the approaches were kept: a seek reads them back.
    const QString before = dir.filePath(QStringLiteral("seek-before.store"));
    if (!QFile::copy(path, before)) {
        std::fprintf(stderr, "cityops-bench: cannot copy the recording\n");
        return 1;
    }
    if (auto db = SqliteDb::open(before, SqliteDb::Mode::Create); !db || !db.value()->exec(QStringLiteral("DROP TABLE snapshot_approaches"))) {
        std::fprintf(stderr, "cityops-bench: cannot make the baseline recording\n");
        return 1;
    }
    return seekTimings(city.value(), before, seeks, hours, rate, buildS, "read back");
}

/// Times random seeks, scrubbing and playback at 60x on the recording at `path`; prints one JSON line (`approaches`,
/// when not null, says how a seek finds the signals' approaches).
int seekTimings(const std::shared_ptr<const CityModel> &city, const QString &path, int seeks, double hours, double rate, double buildS,
                const char *approaches, int unreadableTail)
{
    auto session = ReplaySession::open(city, path);
    if (!session) {
        std::fprintf(stderr, "cityops-bench: %s\n", qPrintable(session.error()));
        return 1;
    }
    const auto range = session.value()->range();
    Random rng(3);
    std::vector<double> seekMs;
    for (int i = 0; i < seeks; ++i) {
        const std::int64_t t = range.firstMs + static_cast<std::int64_t>(rng.uniform() * static_cast<double>(range.lastMs - range.firstMs));
        QElapsedTimer timer;
        timer.start();
        if (!session.value()->seekNow(t)) {
            std::fprintf(stderr, "cityops-bench: seek failed\n");
            return 1;
        }
        seekMs.push_back(timer.nsecsElapsed() / 1e6);
    }
    // Scrubbing: a supervisor dragging the cursor, small moves either way, as fast as answers come.
    QElapsedTimer scrub;
    scrub.start();
    int updates = 0;
    std::int64_t t = range.firstMs + (range.lastMs - range.firstMs) / 2;
    while (scrub.elapsed() < 3000) {
        t = std::clamp<std::int64_t>(t + static_cast<std::int64_t>(rng.uniform(-1.0, 1.0) * 120'000), range.firstMs, range.lastMs);
        (void)session.value()->seekNow(t);
        ++updates;
    }
    // Playback at 60x: each 33 ms frame advances two seconds of recording.
    std::vector<double> frameMs;
    t = range.firstMs + (range.lastMs - range.firstMs) / 3;
    (void)session.value()->seekNow(t);
    for (int f = 0; f < 300; ++f) {
        t += 33 * 60;
        QElapsedTimer timer;
        timer.start();
        (void)session.value()->seekNow(t);
        frameMs.push_back(timer.nsecsElapsed() / 1e6);
    }
    const double frameP95 = percentile(frameMs, 95);
    QJsonObject line{{"bench", "seek"}, {"events", static_cast<double>(range.lastSeq - range.firstSeq + 1)}, {"hours", hours}, {"rate", rate},
                     {"build_s", std::round(buildS * 10) / 10}, {"p50_ms", std::round(percentile(seekMs, 50) * 100) / 100},
                     {"p95_ms", std::round(percentile(seekMs, 95) * 100) / 100}, {"p99_ms", std::round(percentile(seekMs, 99) * 100) / 100},
                     {"scrub_updates_per_s", std::round(updates / (scrub.nsecsElapsed() / 1e9))},
                     {"playback60_frame_p95_ms", std::round(frameP95 * 100) / 100},
                     {"playback60_max_fps", std::round(1000.0 / std::max(0.001, frameP95))}};
    if (approaches)
        line.insert(QStringLiteral("approaches"), QString::fromLatin1(approaches));
    if (unreadableTail > 0)
        line.insert(QStringLiteral("unreadable_tail"), unreadableTail);
    emit(line);
    return 0;
}

} // namespace

int main(int argc, char **argv)
{
    // The map bench renders offscreen; no display is needed for any bench.
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    QApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("cityops-bench"));
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("CityOps measurements; one JSON object per line.\n\n"
                                                    "  cityops-bench map [--devices N] [--frames F]\n"
                                                    "  cityops-bench ingest [--events N] [--rounds R]\n"
                                                    "  cityops-bench seek [--hours H] [--rate R] [--seeks N] [--approaches] [--unreadable-tail N]\n"
                                                    "  cityops-bench dispatch [--targets N]\n"
                                                    "  cityops-bench handover [--targets N] [--runs K]\n"
                                                    "  cityops-bench e2p [--devices N] [--rate R] [--seconds S] [--fps F]\n"
                                                    "  cityops-bench link [--messages N] [--commands C] [--targets T]\n"
                                                    "  cityops-bench signin [--runs N]\n"
                                                    "  cityops-bench wall [--devices N] [--frames F] [--rate R]\n"
                                                    "  cityops-bench greenwave [--seed N] [--runs K] [--speed X] [--lead S] [--trace DIR] [--check-trips]\n"
                                                    "  cityops-bench cosim [--speed X] [--seconds S] [--dump PREFIX]\n"
                                                    "  cityops-bench places [--devices N]"));
    parser.addHelpOption();
    parser.addPositionalArgument(QStringLiteral("bench"), QStringLiteral("map, ingest, seek, dispatch, handover, e2p, link, signin, wall, greenwave, cosim or places"));
    parser.addOptions({
        {QStringLiteral("city"), QStringLiteral("City package (default: Berlin-Adlershof)."), QStringLiteral("file")},
        {QStringLiteral("dir"), QStringLiteral("Where to put temporary stores (default: the system temp folder)."), QStringLiteral("dir")},
        {QStringLiteral("events"), QStringLiteral("ingest: events to write (default 1000000)."), QStringLiteral("n"), QStringLiteral("1000000")},
        {QStringLiteral("rounds"), QStringLiteral("ingest: chained and unchained runs, alternating (default 5); medians compared."), QStringLiteral("n"),
         QStringLiteral("5")},
        {QStringLiteral("hours"), QStringLiteral("seek: hours of recording (default 24)."), QStringLiteral("h"), QStringLiteral("24")},
        {QStringLiteral("rate"), QStringLiteral("seek: events per second recorded (default 1000); e2p: field events per second (default 10000)."),
         QStringLiteral("r"), QStringLiteral("1000")},
        {QStringLiteral("seeks"), QStringLiteral("seek: random seeks to time (default 200)."), QStringLiteral("n"), QStringLiteral("200")},
        {QStringLiteral("approaches"), QStringLiteral("seek: every signal also reports its approaches every 10 s; the seeks are timed again on the "
                                                      "same recording without the approaches kept beside its snapshots (read back, as one from before).")},
        {QStringLiteral("unreadable-tail"), QStringLiteral("seek: the seeks are timed again with the newest N snapshots in a format this release cannot read "
                                                           "(as a newer release leaves them)."), QStringLiteral("n")},
        {QStringLiteral("devices"), QStringLiteral("map: devices on the map; places: generated devices added to the city (default 100000)."), QStringLiteral("n"), QStringLiteral("100000")},
        {QStringLiteral("frames"), QStringLiteral("map: frames per measurement (default 120)."), QStringLiteral("f"), QStringLiteral("120")},
        {QStringLiteral("seconds"), QStringLiteral("e2p: how long events flow (default 10)."), QStringLiteral("s"), QStringLiteral("10")},
        {QStringLiteral("fps"), QStringLiteral("e2p: frames per second the GUI pulls and renders (default 30, as the console)."), QStringLiteral("f"), QStringLiteral("30")},
        {QStringLiteral("targets"), QStringLiteral("dispatch, handover, link: devices the order commands (default 1000)."), QStringLiteral("n"), QStringLiteral("1000")},
        {QStringLiteral("messages"), QStringLiteral("link: device reports through the broker (default 50000)."), QStringLiteral("n"), QStringLiteral("50000")},
        {QStringLiteral("commands"), QStringLiteral("link: command round trips (default 500)."), QStringLiteral("n"), QStringLiteral("500")},
        {QStringLiteral("runs"), QStringLiteral("signin: sign-ins (and failures counted in the record of failed LDAP sign-ins) measured (default 20); greenwave: route pairs (default 3); handover: runs (default 5)."), QStringLiteral("n"), QStringLiteral("20")},
        {QStringLiteral("seed"), QStringLiteral("greenwave: seed of the first route and of SUMO (default 1)."), QStringLiteral("n")},
        {QStringLiteral("check-trips"), QStringLiteral("greenwave: check the console's account of the trip against SUMO's on every route, "
                                                      "not only the first (one wave run more per route).")},
        {QStringLiteral("speed"), QStringLiteral("greenwave: simulated seconds per wall second (default 20)."), QStringLiteral("x")},
        {QStringLiteral("lead"), QStringLiteral("greenwave: pre-empt a signal when the vehicle is this many seconds away (default 40)."), QStringLiteral("s")},
        {QStringLiteral("trace"), QStringLiteral("greenwave: keep each run's tripinfo and the vehicle's second-by-second trace (SUMO fcd) "
                                                 "in DIR as seed-N-MODE.tripinfo.xml and seed-N-MODE.fcd.xml."),
         QStringLiteral("dir")},
        {QStringLiteral("dump"), QStringLiteral("map: save the last frame of each renderer as PREFIX-cityops.png and PREFIX-baseline.png; "
                                                "cosim: the last frame with the traffic shading as PREFIX-cosim.png."),
         QStringLiteral("prefix")},
    });
    if (!parser.parse(QCoreApplication::arguments())) {
        std::fprintf(stderr, "cityops-bench: %s\n", qPrintable(parser.errorText()));
        return kExitUsage;
    }
    if (parser.isSet(QStringLiteral("help"))) {
        std::printf("%s", qPrintable(parser.helpText()));
        return 0;
    }
    const QStringList pos = parser.positionalArguments();
    bool ok = true;
    for (const char *name : {"events", "hours", "rate", "seeks", "devices", "frames", "targets", "seconds", "fps", "messages", "commands", "runs", "rounds"}) {
        const double v = parser.value(QLatin1String(name)).toDouble(&ok);
        if (!ok || v <= 0) {
            std::fprintf(stderr, "cityops-bench: --%s must be a positive number\n", name);
            return kExitUsage;
        }
    }
    if (pos.size() != 1) {
        std::fprintf(stderr, "cityops-bench: name one benchmark: map, ingest, seek, dispatch, handover, e2p, link, signin, wall, greenwave, cosim or places\n");
        return kExitUsage;
    }
    const QString city = parser.value(QStringLiteral("city"));
    if (pos[0] == QLatin1String("ingest"))
        return benchIngest(parser, city);
    if (pos[0] == QLatin1String("seek"))
        return benchSeek(parser, city);
    if (pos[0] == QLatin1String("map"))
        return bench::runMapBench(parser, city);
    if (pos[0] == QLatin1String("dispatch"))
        return bench::runDispatchBench(parser, city);
    if (pos[0] == QLatin1String("handover"))
        return bench::runHandOverBench(parser, city);
    if (pos[0] == QLatin1String("e2p"))
        return bench::runE2pBench(parser, city);
    if (pos[0] == QLatin1String("link"))
        return bench::runLinkBench(parser, city);
    if (pos[0] == QLatin1String("signin"))
        return bench::runSignInBench(parser, city);
    if (pos[0] == QLatin1String("wall"))
        return bench::runWallBench(parser, city);
    if (pos[0] == QLatin1String("greenwave"))
        return bench::runGreenWaveBench(parser, city);
    if (pos[0] == QLatin1String("cosim"))
        return bench::runCosimBench(parser, city);
    if (pos[0] == QLatin1String("places"))
        return bench::runPlaceBench(parser, city);
    std::fprintf(stderr, "cityops-bench: unknown benchmark \"%s\" (map, ingest, seek, dispatch, handover, e2p, link, signin, wall, greenwave, cosim, places)\n", qPrintable(pos[0]));
    return kExitUsage;
}
