// The main window's export of a recorded window: the dialog, the job on the thread pool with progress and cancel,
// and its outcome recorded and said.
#include "mainwindow.h"

#include "labels.h"
#include "ops/opsconsole.h"
#include "panels/exportdialog.h"

#include <QFutureWatcher>
#include <QMessageBox>
#include <QProgressBar>
#include <QPushButton>
#include <QPromise>
#include <QStatusBar>
#include <QToolButton>
#include <QtConcurrent/QtConcurrentRun>

namespace cityops {

void MainWindow::exportWindow()
{
    if (recordingPath().isEmpty())
        return;
    // Default window: the hour up to what is on screen (the replay position, or now).
    const std::int64_t to = m_live->nowMs();
    ExportDialog dialog(recordingPath(), m_zone, to - 3600'000, to, this);
    if (dialog.exec() != QDialog::Accepted)
        return;
    const std::vector<ExportJob> jobs = dialog.jobs();
    for (const ExportJob &job : jobs) {
        if (auto s = job.validate(); !s) {
            QMessageBox::warning(this, tr("Export"), s.error());
            return;
        }
    }
    if (m_export->isRunning()) {
        statusBar()->showMessage(tr("An export is still running; cancel it or wait for it to finish."), 8000);
        return;
    }
    startExport(jobs);
}

void MainWindow::startExport(const std::vector<ExportJob> &jobs)
{
    // The export reads what is committed (everything older than one group commit, ≤ 50 ms); the GUI does not wait.
    // It runs as a job on the thread pool with progress and cancel; the window waits for it when it closes.
    const QString window = QStringLiteral("%1 .. %2").arg(Labels::clock(jobs.front().fromMs, m_zone), Labels::clock(jobs.front().toMs, m_zone));
    m_exportWindow = window;
    m_exportUser = currentUser();   // who asked for it, even if someone else is signed in when it finishes
    m_exportJobs = jobs;
    m_exportProgress->setValue(0);
    m_exportProgress->show();
    m_exportCancel->show();
    statusBar()->showMessage(tr("Exporting %1…").arg(window));
    m_export->setFuture(QtConcurrent::run([jobs, city = m_engine.cityPtr()](QPromise<ExportOutcome> &promise) {
        promise.setProgressRange(0, 1000);
        QStringList done;
        const double count = double(jobs.size());
        for (size_t i = 0; i < jobs.size(); ++i) {
            bool unreadable = false;
            auto r = jobs[i].run(city, [&](double f) {
                promise.setProgressValue(int(1000.0 * (double(i) + f) / count));
                return !promise.isCanceled();
            }, &unreadable);
            if (!r) {
                promise.addResult(ExportOutcome{false, promise.isCanceled(), r.error(), unreadable});
                return;
            }
            done << r.value();
        }
        promise.addResult(ExportOutcome{true, false, done.join(QStringLiteral("; "))});
    }));
}

void MainWindow::exportFinished()
{
    m_exportProgress->hide();
    m_exportCancel->hide();
    const QFuture<ExportOutcome> future = m_export->future();
    const ExportOutcome outcome = future.resultCount() > 0 ? future.result() : ExportOutcome{false, true, QString()};
    // Recorded with its real outcome: a failed or cancelled export is not an export.
    QString detail = m_exportWindow;
    if (outcome.cancelled)
        detail += QStringLiteral(" — cancelled");
    else if (!outcome.ok)
        detail += QStringLiteral(" — failed: ") + outcome.text;
    m_engine.recordOperatorAction(OperatorAction::Export, m_exportUser, detail);
    const QString said = outcome.cancelled ? tr("Export cancelled; no files were written.")
                         : outcome.ok      ? tr("Exported %1").arg(outcome.text)
                                           : tr("Export failed: %1").arg(outcome.text);
    statusBar()->showMessage(said, 20000);
    m_ops->post(!outcome.ok && !outcome.cancelled, said);
    if (outcome.unreadable)
        offerExportWithoutUnreadable(outcome.text);
}

void MainWindow::offerExportWithoutUnreadable(const QString &why)
{
    // Refused for a row this release cannot read (a newer release's, or damage): the person may want the rest — an
    // auditor after a rollback — but only on purpose, and told what the files will lack.
    auto *offer = new QMessageBox(QMessageBox::Warning, tr("Export"),
                                  tr("The recording holds events this console cannot read, so nothing was exported."), QMessageBox::NoButton, this);
    offer->setAttribute(Qt::WA_DeleteOnClose);
    QString informative = tr("Export the window without them? The files then leave out every event it cannot read, and the "
                             "summary says how many and the first.");
    const bool chain = std::any_of(m_exportJobs.begin(), m_exportJobs.end(), [](const ExportJob &j) { return !j.verifiablePath.isEmpty(); });
    if (chain)
        informative += QLatin1Char(' ') + tr("The events with their chain are not written: with events left out they could not be checked.");
    offer->setInformativeText(informative);
    offer->setDetailedText(why);   // the row refused, as the export named it (also in Messages)
    QPushButton *without = offer->addButton(tr("Export &without them"), QMessageBox::AcceptRole);
    offer->addButton(QMessageBox::Cancel);
    offer->setDefaultButton(QMessageBox::Cancel);   // leaving something out is chosen, never the default
    connect(offer, &QMessageBox::buttonClicked, this, [this, without](QAbstractButton *button) {
        if (button != without || m_export->isRunning())
            return;
        std::vector<ExportJob> jobs;
        for (ExportJob job : m_exportJobs) {
            if (!job.verifiablePath.isEmpty())
                continue;   // a window with rows left out could not be checked
            job.passOverUnreadable = true;
            jobs.push_back(std::move(job));
        }
        if (!jobs.empty())
            startExport(jobs);
    });
    offer->open();
}

} // namespace cityops
