/**
 * Fixtures shared by Ripple's tests, each written once: {@link dev.ripple.testsupport.ManualClock},
 * {@link dev.ripple.testsupport.TestKeys} (the session signing key of tests), {@link dev.ripple.testsupport.TestEvents},
 * {@link dev.ripple.testsupport.TestTopics}, {@link dev.ripple.testsupport.ProblemAssertions},
 * {@link dev.ripple.testsupport.CommandRun} and {@link dev.ripple.testsupport.NetworkCut}. Test scope only; never on a
 * production classpath.
 */
package dev.ripple.testsupport;
