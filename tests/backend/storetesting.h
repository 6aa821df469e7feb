#pragma once

#include "base/sqlitedb.h"
#include "city/sumoimport.h"
#include "engine/corepipeline.h"
#include "sim/citysimulator.h"
#include "store/eventstore.h"

#include <QDateTime>
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

/// The engine's own data path (CorePipeline) recording to `store`, with snapshots every `every` events, driven
/// without threads so tests know exactly which events the live state has seen.
struct Recorder : CorePipeline {
    Recorder(std::shared_ptr<const CityModel> c, EventStore *store, size_t every = 2000) : CorePipeline(std::move(c), every)
    {
        attachStore(store);
    }
    void process(std::vector<Event> batch) { CorePipeline::process(batch); }
};

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

inline std::int64_t berlin(const QDate &date, const QTime &time)
{
    return QDateTime(date, time, QTimeZone("Europe/Berlin")).toMSecsSinceEpoch();
}

} // namespace cityops::test
