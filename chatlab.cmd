@echo off
rem ChatLab's launcher for Windows: chatlab.cmd --help
rem
rem Does what ./chatlab does on Linux and macOS:
rem 1. finds a JDK 21 or newer: JAVA_HOME, then java on the PATH, then the usual install folders;
rem 2. when common\, solutions\, tests\src\main, tests\bench\src\main or a pom.xml changed since the
rem    last build, builds tests\bench (chatlab bench, with Netty) and what it needs with Maven (no
rem    tests; Maven's output goes to standard error), two launchers taking turns on a lock folder,
rem    and copies what it built to a snapshot under target\chatlab-launcher\ to run from;
rem    labs\ is not built here: the command compiles a stage itself when it runs it;
rem 3. runs chatlab.cli.ChatLab with every argument given.
rem Paths may hold spaces and parentheses: variables are expanded in quotes, and no block of
rem parentheses expands one (subroutines and goto instead).
setlocal EnableExtensions DisableDelayedExpansion

set "CL_HOME=%~dp0"
set "CL_HOME=%CL_HOME:~0,-1%"
set "CL_STATE=%CL_HOME%\target\chatlab-launcher"
set "CL_STAMP=%CL_STATE%\build.stamp"

rem ---- 1. A JDK 21 or newer --------------------------------------------------------------------
set "CL_JDK="
if defined JAVA_HOME call :try_jdk "%JAVA_HOME%"
if defined CL_JDK goto :have_jdk
for /f "tokens=1,* delims==" %%a in ('java -XshowSettings:properties -version 2^>^&1 ^| findstr /c:"java.home ="') do call :try_jdk_trimmed "%%b"
if defined CL_JDK goto :have_jdk
for /d %%d in ("%ProgramFiles%\Java\*" "%ProgramFiles%\Eclipse Adoptium\*" "%ProgramFiles%\Microsoft\jdk-*" "%ProgramFiles%\Zulu\*" "%ProgramFiles%\Amazon Corretto\*" "%ProgramFiles%\BellSoft\*" "%USERPROFILE%\.jdks\*") do call :try_jdk "%%~d"
if defined CL_JDK goto :have_jdk
>&2 echo chatlab: no JDK 21 or newer found (looked at JAVA_HOME, java on the PATH, and the usual
>&2 echo install folders under "%ProgramFiles%" and %USERPROFILE%\.jdks).
>&2 echo Install one, then run this again: Temurin 21 or newer from https://adoptium.net
>&2 echo (or: winget install EclipseAdoptium.Temurin.21.JDK).
exit /b 1

:have_jdk
rem ---- 2. The build, when something changed ----------------------------------------------------
call :is_fresh
if not errorlevel 1 goto :run
if not exist "%CL_STATE%" mkdir "%CL_STATE%"
call :lock
call :is_fresh
if errorlevel 1 call :build
set "CL_BUILD=%ERRORLEVEL%"
rd "%CL_STATE%\build.lock.d" 2>nul
if not "%CL_BUILD%"=="0" exit /b 1

:run
rem ---- 3. The command ---------------------------------------------------------------------------
set "CL_CURRENT="
for /f "usebackq delims=" %%c in ("%CL_STATE%\current") do set "CL_CURRENT=%%c"
set "CL_CP="
for /f "usebackq delims=" %%c in ("%CL_STATE%\%CL_CURRENT%\classpath") do set "CL_CP=%%c"
"%CL_JDK%\bin\java.exe" "-Dchatlab.home=%CL_HOME%" -cp "%CL_CP%" chatlab.cli.ChatLab %*
exit /b %ERRORLEVEL%

rem ---- Subroutines ------------------------------------------------------------------------------

rem Sets CL_JDK to the folder given if it is a JDK (with javac: the command compiles stages) of
rem release 21 or newer.
:try_jdk
if defined CL_JDK exit /b 0
if not exist "%~1\bin\javac.exe" exit /b 0
if not exist "%~1\release" exit /b 0
set "CL_VERSION="
for /f "tokens=2 delims==" %%v in ('findstr /b /c:"JAVA_VERSION=" "%~1\release"') do set "CL_VERSION=%%~v"
set "CL_MAJOR=0"
for /f "delims=." %%m in ("%CL_VERSION%") do set "CL_MAJOR=%%m"
if %CL_MAJOR% GEQ 21 set "CL_JDK=%~1"
exit /b 0

rem The same for java.home as -XshowSettings prints it (after "java.home = ").
:try_jdk_trimmed
set "CL_CANDIDATE=%~1"
if "%CL_CANDIDATE:~0,1%"==" " set "CL_CANDIDATE=%CL_CANDIDATE:~1%"
call :try_jdk "%CL_CANDIDATE%"
exit /b 0

rem Errorlevel 0 when the last build is still good: its stamp and snapshot exist and nothing under
rem common\, solutions\, tests\src\main, tests\bench\src\main (target\ aside) nor any pom.xml is newer
rem than the stamp.
:is_fresh
if not exist "%CL_STAMP%" exit /b 1
if not exist "%CL_STATE%\current" exit /b 1
powershell -NoProfile -NonInteractive -ExecutionPolicy Bypass -Command "$stamp = (Get-Item -LiteralPath $env:CL_STAMP).LastWriteTimeUtc; $run = Join-Path $env:CL_STATE ((Get-Content -LiteralPath (Join-Path $env:CL_STATE 'current') -TotalCount 1).Trim()); $cp = Join-Path $run 'classpath'; if (-not (Test-Path -LiteralPath $cp)) { exit 1 }; foreach ($entry in (Get-Content -LiteralPath $cp -TotalCount 1).Split(';')) { if ($entry -and -not (Test-Path -LiteralPath $entry)) { exit 1 } }; $dirs = @('common', 'solutions', 'tests\src\main', 'tests\bench\src\main') | ForEach-Object { Join-Path $env:CL_HOME $_ } | Where-Object { Test-Path -LiteralPath $_ }; $files = @(Get-ChildItem -LiteralPath $dirs -Recurse -Force -ErrorAction SilentlyContinue) + @(Get-ChildItem -Path (Join-Path $env:CL_HOME 'pom.xml'), (Join-Path $env:CL_HOME '*\pom.xml'), (Join-Path $env:CL_HOME '*\*\pom.xml') -ErrorAction SilentlyContinue); $newer = $files | Where-Object { $_.FullName -notmatch '\\target(\\|$)' -and (-not $_.PSIsContainer -or $_.FullName -match '\\src(\\|$)') -and $_.LastWriteTimeUtc -gt $stamp } | Select-Object -First 1; if ($newer) { exit 1 } else { exit 0 }"
exit /b %ERRORLEVEL%

rem Takes the build lock: a folder only one launcher can create. One left by a launcher that was
rem stopped mid-build is taken over after ten minutes.
:lock
set "CL_WAITED=0"
:lock_again
mkdir "%CL_STATE%\build.lock.d" 2>nul && exit /b 0
if "%CL_WAITED%"=="0" echo chatlab: waiting for another chatlab to finish building... 1>&2
set /a CL_WAITED+=1
if %CL_WAITED% LSS 600 goto :lock_wait
>&2 echo chatlab: taking over a build lock left behind by a stopped chatlab
rd /s /q "%CL_STATE%\build.lock.d" 2>nul
set "CL_WAITED=0"
:lock_wait
ping -n 2 127.0.0.1 >nul
goto :lock_again

rem Maven, then the snapshot. The stamp is taken before Maven starts: a file edited meanwhile is
rem newer, and counts next time.
:build
where mvn >nul 2>nul
if errorlevel 1 goto :no_maven
type nul > "%CL_STAMP%.next"
>&2 echo chatlab: building ChatLab (Maven, no tests; the first time it downloads dependencies, a few minutes)...
set "CL_MAVEN_OPTS=%MAVEN_OPTS%"
if %CL_MAJOR% GEQ 24 set "CL_MAVEN_OPTS=%MAVEN_OPTS% --sun-misc-unsafe-memory-access=allow --enable-native-access=ALL-UNNAMED"
pushd "%CL_HOME%"
setlocal
set "JAVA_HOME=%CL_JDK%"
set "MAVEN_OPTS=%CL_MAVEN_OPTS%"
call mvn -B -q -Dstyle.color=never -Dmaven.test.skip=true -pl tests/bench -am package 1>&2
endlocal & set "CL_MAVEN=%ERRORLEVEL%"
popd
if not "%CL_MAVEN%"=="0" goto :build_failed
call :snapshot
move /y "%CL_STAMP%.next" "%CL_STAMP%" >nul
exit /b 0

:build_failed
del "%CL_STAMP%.next" 2>nul
>&2 echo chatlab: the build failed: Maven's messages are above.
exit /b 1

:no_maven
>&2 echo chatlab: Maven (mvn) is needed to build ChatLab, and it is not on the PATH.
>&2 echo Install Maven 3.6.3 or newer (https://maven.apache.org/install.html, or: winget install
>&2 echo Apache.Maven), then run this again.
exit /b 1

rem Copies the command's jars (bench, tests, common) to a new folder run-*, writes its classpath there, and
rem makes it current. The command runs from the snapshot: Windows keeps a running program's jars
rem locked, and the next build must be free to rewrite target\.
:snapshot
set "CL_SNAP=run-%RANDOM%%RANDOM%"
mkdir "%CL_STATE%\%CL_SNAP%"
set "CL_CP="
for %%j in ("%CL_HOME%\tests\bench\target\chatlab-bench-*.jar") do call :snapshot_jar "%%~fj"
set "CL_DEPS="
for /f "usebackq delims=" %%c in ("%CL_HOME%\tests\bench\target\chatlab.classpath") do set "CL_DEPS=%%c"
for %%e in ("%CL_DEPS:;=" "%") do call :snapshot_entry "%%~e"
> "%CL_STATE%\%CL_SNAP%\classpath" echo(%CL_CP%
> "%CL_STATE%\current.next" echo(%CL_SNAP%
move /y "%CL_STATE%\current.next" "%CL_STATE%\current" >nul
rem Older snapshots: all but the two newest go (a running chatlab's jars are locked and stay).
for /f "skip=2 delims=" %%d in ('dir /b /ad /o-d "%CL_STATE%\run-*"') do rd /s /q "%CL_STATE%\%%d" 2>nul
exit /b 0

:snapshot_jar
copy /y "%~1" "%CL_STATE%\%CL_SNAP%\" >nul
call :append "%CL_STATE%\%CL_SNAP%\%~nx1"
exit /b 0

rem A classpath entry: ChatLab's own jars (chatlab-*) are copied; Maven's repository stays where it is.
:snapshot_entry
if "%~1"=="" exit /b 0
set "CL_NAME=%~nx1"
if /i not "%CL_NAME:~0,8%"=="chatlab-" goto :snapshot_keep
copy /y "%~1" "%CL_STATE%\%CL_SNAP%\" >nul
call :append "%CL_STATE%\%CL_SNAP%\%~nx1"
exit /b 0
:snapshot_keep
call :append "%~1"
exit /b 0

:append
if defined CL_CP goto :append_more
set "CL_CP=%~1"
exit /b 0
:append_more
set "CL_CP=%CL_CP%;%~1"
exit /b 0
