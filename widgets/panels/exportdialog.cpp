#include "panels/exportdialog.h"

#include <QCheckBox>
#include <QDateTimeEdit>
#include <QDialogButtonBox>
#include <QDir>
#include <QFileInfo>
#include <QFileDialog>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLineEdit>
#include <QPushButton>
#include <QStandardPaths>

namespace cityops {

ExportDialog::ExportDialog(const QString &storePath, const QTimeZone &zone, std::int64_t fromMs, std::int64_t toMs, QWidget *parent)
    : QDialog(parent), m_storePath(storePath), m_zone(zone)
{
    setWindowTitle(tr("Export a time window"));
    auto *form = new QFormLayout(this);
    auto makeEdit = [this](std::int64_t ms) {
        auto *edit = new QDateTimeEdit(this);
        edit->setTimeSpec(Qt::UTC); // holds the city's wall-clock fields (Qt 6.4 edits cannot show another zone)
        edit->setDisplayFormat(QStringLiteral("yyyy-MM-dd HH:mm:ss"));
        edit->setDateTime(wallClock(ms));
        return edit;
    };
    m_from = makeEdit(fromMs);
    m_to = makeEdit(toMs);
    form->addRow(tr("From (city time):"), m_from);
    form->addRow(tr("To (city time):"), m_to);
    // Documents when there is one; the home folder otherwise (the export makes a folder that does not exist yet).
    const QString documents = QStandardPaths::writableLocation(QStandardPaths::DocumentsLocation);
    m_folder = new QLineEdit(QFileInfo(documents).isDir() ? documents : QDir::homePath(), this);
    auto *browse = new QPushButton(tr("Choose…"), this);
    connect(browse, &QPushButton::clicked, this, [this] {
        const QString dir = QFileDialog::getExistingDirectory(this, tr("Export to folder"), m_folder->text());
        if (!dir.isEmpty())
            m_folder->setText(dir);
    });
    auto *folderRow = new QHBoxLayout;
    folderRow->addWidget(m_folder, 1);
    folderRow->addWidget(browse);
    form->addRow(tr("Folder:"), folderRow);
    m_jsonl = new QCheckBox(tr("Events as JSON Lines (.jsonl)"), this);
    m_csv = new QCheckBox(tr("Events as CSV (.csv)"), this);
    m_geojson = new QCheckBox(tr("Incidents as GeoJSON (.geojson)"), this);
    // What a supervisor hands to someone outside the room (an inquiry, a court): they check it with the console's
    // public key alone (cityops-export verify).
    m_verifiable = new QCheckBox(tr("The events with their chain, for others to check (.jsonl)"), this);
    m_verifiable->setToolTip(tr("Checked with the console's public key alone: cityops-export verify --export FILE --key KEY.pem"));
    m_jsonl->setChecked(true);
    m_geojson->setChecked(true);
    form->addRow(m_jsonl);
    form->addRow(m_csv);
    form->addRow(m_geojson);
    form->addRow(m_verifiable);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    buttons->button(QDialogButtonBox::Ok)->setText(tr("Export"));
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    form->addRow(buttons);
}

QDateTime ExportDialog::wallClock(std::int64_t ms) const
{
    const QDateTime t = QDateTime::fromMSecsSinceEpoch(ms, m_zone);
    return QDateTime(t.date(), t.time(), Qt::UTC);
}

std::int64_t ExportDialog::fromWallClock(const QDateTimeEdit *edit) const
{
    return QDateTime(edit->date(), edit->time(), m_zone).toMSecsSinceEpoch();
}

std::vector<ExportJob> ExportDialog::jobs() const
{
    const std::int64_t from = fromWallClock(m_from), to = fromWallClock(m_to);
    const QString stem = QDir(m_folder->text()).filePath(QStringLiteral("cityops-%1-%2")
                                                             .arg(m_from->dateTime().toString(QStringLiteral("yyyyMMdd-HHmm")),
                                                                  m_to->dateTime().toString(QStringLiteral("yyyyMMdd-HHmm"))));
    std::vector<ExportJob> jobs;
    QString incidents = m_geojson->isChecked() ? stem + QStringLiteral("-incidents.geojson") : QString();
    for (auto [box, suffix] : {std::pair{m_jsonl, "-events.jsonl"}, std::pair{m_csv, "-events.csv"}}) {
        if (!box->isChecked())
            continue;
        jobs.push_back({m_storePath, from, to, stem + QLatin1String(suffix), incidents});
        incidents.clear();
    }
    if (!incidents.isEmpty())
        jobs.push_back({m_storePath, from, to, QString(), incidents});
    if (m_verifiable->isChecked())
        jobs.push_back({m_storePath, from, to, QString(), QString(), stem + QStringLiteral("-verifiable.jsonl")});
    return jobs;
}

} // namespace cityops
