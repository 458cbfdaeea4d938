package org.convpaint.knime.common;

import java.util.ArrayList;
import java.util.List;

import org.knime.core.node.InvalidSettingsException;
import org.knime.core.node.NodeSettingsRO;
import org.knime.core.node.NodeSettingsWO;
import org.knime.core.node.defaultnodesettings.SettingsModel;
import org.knime.core.node.defaultnodesettings.SettingsModelBoolean;
import org.knime.core.node.defaultnodesettings.SettingsModelIntegerBounded;
import org.knime.core.node.defaultnodesettings.SettingsModelString;

/**
 * The settings of a node, each declared once with its config key and default, and the compatibility rule of both
 * Convpaint nodes: loading (and validating) takes each key that the saved settings contain, after its settings model
 * has checked the value; a key they do not contain (a workflow saved before the key existed, settings written by
 * hand) takes its default. So a key added in a later version never makes older workflows fail to load, and a value
 * that is present is never silently replaced.
 *
 * <p>The config keys are the persistence format (workflows, flow variables, {@code -option=} of the batch
 * executor): never rename them. Not thread-safe.
 */
public final class SettingsList {

    /** One setting: its config key, its model, and how to give the model its default value. */
    private record Setting(String key, SettingsModel model, Runnable restoreDefault) {
    }

    /** Every setting, in declaration (and saving) order. */
    private final List<Setting> m_all = new ArrayList<>();

    /**
     * Declares a string setting.
     *
     * @param key          its config key
     * @param defaultValue its value when the saved settings lack the key
     * @return its model
     */
    public SettingsModelString string(final String key, final String defaultValue) {
        final SettingsModelString m = new SettingsModelString(key, defaultValue);
        m_all.add(new Setting(key, m, () -> m.setStringValue(defaultValue)));
        return m;
    }

    /**
     * Declares an integer setting with bounds (checked on loading).
     *
     * @param key          its config key
     * @param defaultValue its value when the saved settings lack the key
     * @param min          smallest valid value
     * @param max          largest valid value
     * @return its model
     */
    public SettingsModelIntegerBounded integer(final String key, final int defaultValue, final int min,
            final int max) {
        final SettingsModelIntegerBounded m = new SettingsModelIntegerBounded(key, defaultValue, min, max);
        m_all.add(new Setting(key, m, () -> m.setIntValue(defaultValue)));
        return m;
    }

    /**
     * Declares a boolean setting.
     *
     * @param key          its config key
     * @param defaultValue its value when the saved settings lack the key
     * @return its model
     */
    public SettingsModelBoolean bool(final String key, final boolean defaultValue) {
        final SettingsModelBoolean m = new SettingsModelBoolean(key, defaultValue);
        m_all.add(new Setting(key, m, () -> m.setBooleanValue(defaultValue)));
        return m;
    }

    /** @return the config keys, in declaration order */
    public List<String> keys() {
        return m_all.stream().map(Setting::key).toList();
    }

    /**
     * Saves every setting.
     *
     * @param settings where to save them
     */
    public void save(final NodeSettingsWO settings) {
        for (Setting s : m_all) {
            s.model().saveSettingsTo(settings);
        }
    }

    /**
     * Loads saved settings: each present key after its model has validated it, each absent key as its default.
     * Nothing changes if a present value is invalid.
     *
     * @param settings the saved settings
     * @throws InvalidSettingsException if a present value is invalid (wrong type, out of bounds)
     */
    public void load(final NodeSettingsRO settings) throws InvalidSettingsException {
        for (Setting s : m_all) {
            if (settings.containsKey(s.key())) {
                s.model().validateSettings(settings);
            }
        }
        for (Setting s : m_all) {
            if (settings.containsKey(s.key())) {
                s.model().loadSettingsFrom(settings);
            } else {
                s.restoreDefault().run();
            }
        }
    }
}
