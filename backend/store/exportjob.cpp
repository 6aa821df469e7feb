#include "store/exportjob.h"

#include "base/counted.h"
#include "store/chainexport.h"
#include "store/exporter.h"
#include "store/storereader.h"

#include <QDir>
#include <QFileInfo>
#include <QSaveFile>

#include <algorithm>

namespace cityops {

Status ExportJob::validate() const
{
    if (!verifiablePath.isEmpty()) {
        if (!eventsPath.isEmpty() || !incidentsPath.isEmpty())
            return makeError(QStringLiteral("the window with its chain is written on its own (not with events or incidents files)"));
        if (passOverUnreadable)
            return makeError(QStringLiteral("the window with its chain cannot leave rows out: it could not be checked"));
        if (!verifiablePath.endsWith(QLatin1String(".jsonl"), Qt::CaseInsensitive))
            return makeError(QStringLiteral("the file with the chain must end in .jsonl: %1").arg(verifiablePath));
    } else if (eventsPath.isEmpty() && incidentsPath.isEmpty()) {
        return makeError(QStringLiteral("nothing to export: name an events file (.jsonl or .csv) or an incidents file (.geojson)"));
    }
    if (!eventsPath.isEmpty() && !eventsPath.endsWith(QLatin1String(".jsonl"), Qt::CaseInsensitive)
        && !eventsPath.endsWith(QLatin1String(".csv"), Qt::CaseInsensitive))
        return makeError(QStringLiteral("the events file must end in .jsonl or .csv: %1").arg(eventsPath));
    if (!incidentsPath.isEmpty() && !incidentsPath.endsWith(QLatin1String(".geojson"), Qt::CaseInsensitive))
        return makeError(QStringLiteral("the incidents file must end in .geojson: %1").arg(incidentsPath));
    if (toMs <= fromMs)
        return makeError(QStringLiteral("the end of the window must be later than its start"));
    return Ok{};
}

Result<QString> ExportJob::run(std::shared_ptr<const CityModel> city, const Progress &progress, bool *refusedUnreadable) const
{
    if (refusedUnreadable)
        *refusedUnreadable = false;
    // Each file is one part of the job: the share done is (files finished + fraction of this one) / files.
    const int parts = (eventsPath.isEmpty() ? 0 : 1) + (incidentsPath.isEmpty() ? 0 : 1) + (verifiablePath.isEmpty() ? 0 : 1);
    int part = 0;
    const exporter::Progress partProgress = [&](double f) {
        return !progress || progress((part + std::clamp(f, 0.0, 1.0)) / std::max(parts, 1));
    };
    if (auto s = validate(); !s)
        return makeError(s.error());
    // The window with its chain reads the store's rows itself (on its own: validate()); the other files read
    // events through a StoreReader.
    std::unique_ptr<StoreReader> reader;
    if (verifiablePath.isEmpty()) {
        auto opened = StoreReader::open(storePath, city);
        if (!opened)
            return makeError(opened.error());
        reader = std::move(opened).value();
        reader->setPassOverUnreadable(passOverUnreadable);
    }
    QStringList summary;
    auto write = [&](const QString &path, auto &&writer, const QString &what) -> Status {
        // A folder that does not exist yet (a fresh account's Documents) is made, not a reason to fail.
        if (const QString folder = QFileInfo(path).absolutePath(); !QDir().mkpath(folder))
            return makeError(QStringLiteral("cannot create the folder %1").arg(folder));
        QSaveFile file(path);
        if (!file.open(QIODevice::WriteOnly))
            return makeError(QStringLiteral("cannot write %1: %2").arg(path, file.errorString()));
        auto n = writer(file);
        if (!n) {
            file.cancelWriting();
            if (reader && reader->refusedUnreadable()) {
                if (refusedUnreadable)
                    *refusedUnreadable = true;
                return makeError(QStringLiteral("%1; nothing was written (cityops-export --pass-over-unreadable leaves such rows out "
                                                "and says how many)").arg(n.error()));
            }
            return makeError(n.error());
        }
        if (!file.commit())
            return makeError(QStringLiteral("cannot write %1: %2").arg(path, file.errorString()));
        summary << QStringLiteral("%1 %2 to %3").arg(n.value()).arg(what, path);
        return Ok{};
    };
    if (!eventsPath.isEmpty()) {
        const bool csv = eventsPath.endsWith(QLatin1String(".csv"), Qt::CaseInsensitive);
        auto s = write(eventsPath, [&](QIODevice &out) {
            return csv ? exporter::writeEventsCsv(*reader, fromMs, toMs, out, partProgress)
                       : exporter::writeEventsJsonl(*reader, fromMs, toMs, out, partProgress);
        }, QStringLiteral("events"));
        if (!s)
            return makeError(s.error());
        ++part;
    }
    if (!verifiablePath.isEmpty()) {
        auto s = write(verifiablePath, [&](QIODevice &out) { return chainexport::write(storePath, *city, fromMs, toMs, out, partProgress); },
                       QStringLiteral("events with their chain"));
        if (!s)
            return makeError(s.error());
        ++part;
    }
    if (!incidentsPath.isEmpty()) {
        auto s = write(incidentsPath, [&](QIODevice &out) { return exporter::writeIncidentsGeoJson(*reader, fromMs, toMs, out, partProgress); },
                       QStringLiteral("incidents"));
        if (!s)
            return makeError(s.error());
    }
    if (const StoreReader::PassedOver left = reader ? reader->passedOver() : StoreReader::PassedOver{}; left.count > 0)
        summary << QStringLiteral("left out %1 it could not read (the first: %2)").arg(counted(qint64(left.count), "event"), left.firstReason);
    return summary.join(QStringLiteral("; "));
}

} // namespace cityops
