#pragma once

#include "city/citymodel.h"
#include "security/userdirectory.h"

#include <QApplication>
#include <QDialog>
#include <QTest>
#include <QTemporaryDir>
#include <QTimer>

#include <functional>

#include <memory>

namespace cityops::test {

/// The people of the widget tests, as real accounts in a real user directory (a file in a temporary folder):
/// olga and otto (operators), sven and sara (supervisors), a responder per district (rita, rolf, ruth, raul, ...) and
/// wall (a viewer). Everyone's password is kPassword. Hashes use a small Argon2id cost so that tests stay quick;
/// verification is the same code the console runs.
struct People {
    static constexpr const char *kPassword = "correct horse 1";
    QTemporaryDir dir;
    std::unique_ptr<UserDirectory> directory;

    explicit People(const CityModel &city)
    {
        auto opened = UserDirectory::open(dir.filePath(QStringLiteral("users.db")), UserDirectory::Mode::CreateIfMissing);
        if (!opened)
            qFatal("cannot create the test user directory: %s", qPrintable(opened.error()));
        directory = std::move(opened).value();
        directory->setCost({256, 1, 1});
        auto add = [this](const char *name, Role role, QStringList districts = {}) {
            if (auto s = directory->add(QString::fromLatin1(name), role, districts, kPassword); !s)
                qFatal("cannot add %s: %s", name, qPrintable(s.error()));
        };
        add("olga", Role::Operator);
        add("otto", Role::Operator);
        add("sven", Role::Supervisor);
        add("sara", Role::Supervisor);
        for (size_t d = 0; d < city.districts.size(); ++d)
            add(qPrintable(responderOf(int(d))), Role::Responder, {city.districts[d].name});
        add("wall", Role::Viewer);
    }
    UserDirectory *get() const { return directory.get(); }
    /// The responder of district `d`: rita, rolf, ruth, raul, then responder-4 and on.
    static QString responderOf(int d)
    {
        static const char *names[] = {"rita", "rolf", "ruth", "raul"};
        return d < 4 ? QString::fromLatin1(names[d]) : QStringLiteral("responder-%1").arg(d);
    }
};

/// Answers the next modal dialog that appears (polled, so that it never blocks what opens the dialog).
/// A check that fails inside `handle` returns before the dialog is answered: from then on, for the rest of the test
/// function, every modal dialog is rejected here and named, so that the test fails at once instead of hanging on a
/// question nobody answers until ctest kills it.
inline void answerNextDialog(const std::function<void(QWidget *)> &handle)
{
    auto *poll = new QTimer(qApp);
    poll->setInterval(20);
    const QByteArray test = QTest::currentTestFunction();
    auto answered = std::make_shared<bool>(false);
    QObject::connect(poll, &QTimer::timeout, qApp, [poll, handle, test, answered] {
        QWidget *dialog = QApplication::activeModalWidget();
        if (*answered && (!QTest::currentTestFailed() || QTest::currentTestFunction() != test)) {
            poll->stop();
            poll->deleteLater();
            return;
        }
        if (!dialog)
            return;
        if (!*answered) {
            *answered = true;
            handle(dialog);
            if (!QTest::currentTestFailed() || QApplication::activeModalWidget() != dialog)
                return;
        }
        qWarning("answerNextDialog: a check failed; rejecting %s (\"%s\")", dialog->metaObject()->className(), qPrintable(dialog->windowTitle()));
        if (auto *asked = qobject_cast<QDialog *>(dialog))
            asked->reject();
        else
            dialog->close();
    });
    poll->start();
}

} // namespace cityops::test
