#pragma once

#include "city/citymodel.h"
#include "base/result.h"

#include <QString>

#include <functional>
#include <memory>

namespace cityops {

/// One export of a recorded time window to files: events as JSON Lines or CSV (by the file's suffix), incidents
/// as GeoJSON, or the window with its chain. Files are written beside their target and renamed into place, so a
/// failed export leaves nothing half-written. Used by cityops-export and the console's File ▸ Export.
struct ExportJob {
    QString storePath;
    std::int64_t fromMs = 0;
    std::int64_t toMs = 0;
    QString eventsPath;      ///< .jsonl or .csv; empty = no event export
    QString incidentsPath;   ///< .geojson; empty = no incident export
    /// .jsonl: the window with its chain and checkpoints, for a third party to check (chainexport; cityops-export
    /// --verifiable). Written on its own, never with rows left out.
    QString verifiablePath = {};
    /// Rows this release cannot read (a newer release's, damaged ones) refuse the export, naming the first, unless
    /// this is set: then they are left out and the summary says how many and the first (cityops-export
    /// --pass-over-unreadable, for an auditor who wants the rest after a rollback).
    bool passOverUnreadable = false;

    /// Checks the paths' suffixes and the window; a sentence for the user when wrong.
    Status validate() const;
    /// Runs the export (file I/O: call it off the GUI thread). Returns a one-line summary. `progress` hears the
    /// share done (0..1 over every file of the job) and may cancel by returning false: the export then stops with
    /// the error "cancelled" and leaves no file behind.
    using Progress = std::function<bool(double fraction)>;
    /// `refusedUnreadable`, when given, is set when the export was refused for a row it cannot read (so a person
    /// can be offered the export without such rows, passOverUnreadable).
    Result<QString> run(std::shared_ptr<const CityModel> city, const Progress &progress = {}, bool *refusedUnreadable = nullptr) const;
};

} // namespace cityops
