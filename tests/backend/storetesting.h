#pragma once

#include "base/sqlitedb.h"
#include "city/sumoimport.h"
#include "engine/corepipeline.h"
#include "sim/citysimulator.h"
#include "store/eventstore.h"
#include "store/storereader.h"

#include <QDateTime>
#include <QFile>
#include <QProcess>
#include <QTimeZone>

#include <memory>

namespace cityops::test {

inline std::shared_ptr<const CityModel> fixtureCity()
{
    static std::shared_ptr<const CityModel> city = [] {
        ImportOptions options;
        options.timezone = QStringLiteral("Europe/Berlin");
        auto c = importSumoNet(QStringLiteral(CITYOPS_TEST_DATA "/adlershof-small.net.xml"), options);
        return c.ok() ? std::make_shared<const CityModel>(std::move(c).value()) : nullptr;
    }();
    return city;
}

/// A reader of `store` for the fixture city; one that cannot be opened ends the run (the test's own set-up failed).
inline std::unique_ptr<StoreReader> fixtureReader(const QString &store)
{
    auto r = StoreReader::open(store, fixtureCity());
    if (!r)
        qFatal("%s", qPrintable(r.error()));
    return std::move(r).value();
}

/// A writable copy of the store `from` at `to` (replacing what was there), for an attack that leaves the original as it is.
/// The store edited behind the console's back, as sqlite3 would.
inline bool execute(const QString &path, const QString &sql)
{
    auto db = SqliteDb::open(path, SqliteDb::Mode::Create);
    return db && db.value()->exec(sql).ok();
}

/// One figure read from the store (`query` selects one row), or -1.
inline std::int64_t figure(const QString &path, const QString &query)
{
    auto db = SqliteDb::open(path, SqliteDb::Mode::ReadOnly);
    if (!db)
        return -1;
    auto row = db.value()->prepare(query);
    return row && row->step() ? row->columnInt(0) : -1;
}

inline QString copyStore(const QString &from, const QString &to)
{
    QFile::remove(to);
    if (!QFile::copy(from, to))
        qFatal("cannot copy %s", qPrintable(from));
    QFile::setPermissions(to, QFile::ReadOwner | QFile::WriteOwner);
    return to;
}

/// The engine's own data path (CorePipeline) recording to `store`, with snapshots every `every` events, driven
/// without threads so tests know exactly which events the live state has seen.
struct Recorder : CorePipeline {
    Recorder(std::shared_ptr<const CityModel> c, EventStore *store, size_t every = 2000) : CorePipeline(std::move(c), every)
    {
        attachStore(store);
    }
    void process(std::vector<Event> batch) { CorePipeline::process(batch); }
};

/// A console's run as the engine records it: its session marker (writing checkable snapshots), the simulator's
/// initial state, then `batches` of 20 s of simulated city, each handed to `rec` as the live link hands them over.
inline void recordRun(Recorder &rec, CitySimulator &sim, int batches)
{
    std::vector<Event> batch{Event{0, sim.nowMs(), kNoDevice, SessionPayload{1, snapshotcodec::kCheckableVersion}}};
    sim.initialState(batch);
    rec.process(std::move(batch));
    for (int i = 0; i < batches; ++i) {
        std::vector<Event> more;
        sim.advanceTo(sim.nowMs() + 20'000, more);
        rec.process(std::move(more));
    }
}

/// A package's response rules written behind the admin tool's back (by hand, or half-written): `value` stored as is.
inline bool storeRulesText(const QString &packagePath, const QByteArray &value)
{
    auto db = SqliteDb::open(packagePath, SqliteDb::Mode::Create);
    if (!db)
        return false;
    auto st = db.value()->prepare(QStringLiteral("INSERT OR REPLACE INTO cityops_meta (key, value) VALUES ('response_rules', ?)"));
    if (!st)
        return false;
    st->bind(1, QString::fromUtf8(value));
    return st->run().ok();
}

/// Runs cityops-export with `args`, for a minute at most: its exit code (-1: it crashed or hung), and what it said on
/// stdout and stderr in `said`.
inline int runExport(const QStringList &args, QString *said)
{
    QProcess p;
    p.start(QStringLiteral(CITYOPS_BIN_DIR "/cityops-export"), args);
    if (!p.waitForFinished(60'000)) {
        p.kill();
        p.waitForFinished();
    }
    *said = QString::fromUtf8(p.readAllStandardOutput() + p.readAllStandardError());
    return p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1;
}

inline std::int64_t berlin(const QDate &date, const QTime &time)
{
    return QDateTime(date, time, QTimeZone("Europe/Berlin")).toMSecsSinceEpoch();
}

} // namespace cityops::test
