#pragma once

#include "store/exportjob.h"

#include <QDialog>
#include <QTimeZone>

class QCheckBox;
class QDateTimeEdit;
class QLineEdit;

namespace cityops {

/// File ▸ Export: a time window of the recording to files in a folder — events as JSON Lines and/or CSV,
/// incidents as GeoJSON, and the window with its chain for someone else to check (cityops-export verify). The dialog only collects the choice; the export runs off the GUI thread.
class ExportDialog : public QDialog {
    Q_OBJECT
public:
    ExportDialog(const QString &storePath, const QTimeZone &zone, std::int64_t fromMs, std::int64_t toMs, QWidget *parent = nullptr);

    /// The jobs to run (one per chosen event format; incidents ride with the first).
    std::vector<ExportJob> jobs() const;

private:
    QDateTime wallClock(std::int64_t ms) const;
    std::int64_t fromWallClock(const QDateTimeEdit *edit) const;

    QString m_storePath;
    QTimeZone m_zone;
    QDateTimeEdit *m_from;
    QDateTimeEdit *m_to;
    QLineEdit *m_folder;
    QCheckBox *m_jsonl;
    QCheckBox *m_csv;
    QCheckBox *m_geojson;
    QCheckBox *m_verifiable;
};

} // namespace cityops
