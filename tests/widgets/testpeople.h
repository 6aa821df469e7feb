#pragma once

#include "city/citymodel.h"
#include "security/userdirectory.h"

#include <QApplication>
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
inline void answerNextDialog(const std::function<void(QWidget *)> &handle)
{
    auto *poll = new QTimer(qApp);
    poll->setInterval(20);
    QObject::connect(poll, &QTimer::timeout, qApp, [poll, handle] {
        QWidget *dialog = QApplication::activeModalWidget();
        if (!dialog)
            return;
        poll->stop();
        poll->deleteLater();
        handle(dialog);
    });
    poll->start();
}

} // namespace cityops::test
